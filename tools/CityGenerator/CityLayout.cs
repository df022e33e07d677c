namespace CityGenerator;

/// <summary>A street/town (镇街) to generate: real code and name, a rough anchor for where it lies.</summary>
internal sealed record StreetPlan(
    string Code, string Name, string NameEn, string Kind, double AnchorLon, double AnchorLat, double Weight,
    IReadOnlyList<CommunityName> Communities);

/// <summary>A community (社区, kind community) or village (村, kind village).</summary>
internal sealed record CommunityName(string Name, string NameEn, string Kind);

/// <summary>
/// The hand-picked facts of the synthetic city. Street codes and the four first communities are the real
/// ones (DOMAIN.md §4); every other community name is plausible but its code is invented.
/// </summary>
internal static class CityLayout
{
    public const string DistrictCode = "440604";
    public const string DistrictName = "禅城区";
    public const string DistrictNameEn = "Chancheng District (synthetic)";
    public const int GridCount = 478;

    /// <summary>Where the old city core is: communities nearest to it become 社区, the rest 村.</summary>
    public const double UrbanCoreLon = 113.115;
    public const double UrbanCoreLat = 23.03;

    /// <summary>Outline of the district before jitter, clockwise from the north-west (lon, lat).</summary>
    public static readonly (double Lon, double Lat)[] DistrictOutline =
    [
        (113.033, 23.068), (113.058, 23.0785), (113.085, 23.076), (113.112, 23.0795), (113.139, 23.0755),
        (113.1585, 23.059), (113.155, 23.031), (113.1595, 23.006), (113.152, 22.972), (113.125, 22.9615),
        (113.100, 22.966), (113.074, 22.9605), (113.047, 22.966), (113.0315, 22.987), (113.036, 23.017),
        (113.0305, 23.044),
    ];

    public static readonly StreetPlan[] Streets =
    [
        new("440604010", "石湾镇街道", "Shiwanzhen Subdistrict", "street", 113.128, 22.992, 1.05,
        [
            C("澜石社区", "Lanshi"), C("东风社区", "Dongfeng"), C("跃进社区", "Yuejin"), C("南风社区", "Nanfeng"),
            C("城南社区", "Chengnan"), C("惠景社区", "Huijing"), C("鄱阳社区", "Poyang"),
            V("深村村", "Shencun"), V("石头村", "Shitou"), V("小塘村", "Xiaotang"),
        ]),
        new("440604011", "张槎街道", "Zhangcha Subdistrict", "street", 113.072, 23.056, 1.0,
        [
            C("纯阳社区", "Chunyang"), C("张槎社区", "Zhangcha"), C("海口社区", "Haikou"), C("大富社区", "Dafu"),
            V("上朗村", "Shanglang"), V("下朗村", "Xialang"), V("村头村", "Cuntou"), V("古灶村", "Guzao"),
            V("大江村", "Dajiang"),
        ]),
        new("440604012", "祖庙街道", "Zumiao Subdistrict", "street", 113.125, 23.048, 0.8,
        [
            C("朝安东社区", "Chao'andong"), C("升平社区", "Shengping"), C("莲花社区", "Lianhua"), C("福贤社区", "Fuxian"),
            C("普君社区", "Pujun"), C("亲仁社区", "Qinren"), C("同济社区", "Tongji"), C("筷子路社区", "Kuaizilu"),
            C("铁军社区", "Tiejun"), C("岭南社区", "Lingnan"),
        ]),
        new("440604100", "南庄镇", "Nanzhuang Town", "town", 113.050, 22.985, 1.8,
        [
            C("南庄社区", "Nanzhuang"), C("河滨社区", "Hebin"),
            V("紫南村", "Zinan"), V("吉利村", "Jili"), V("罗南村", "Luonan"), V("溶洲村", "Rongzhou"),
            V("杏头村", "Xingtou"), V("贤僚村", "Xianliao"), V("上元村", "Shangyuan"), V("堤田村", "Ditian"),
            V("龙津村", "Longjin"),
        ]),
    ];

    private static CommunityName C(string name, string pinyin) => new(name, pinyin + " Community", "community");

    private static CommunityName V(string name, string pinyin) => new(name, pinyin + " Village", "village");
}
