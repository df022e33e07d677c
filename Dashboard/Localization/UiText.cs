using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Localization;

/// <summary>
/// The UI's strings, Chinese and English side by side so a missing translation is a compile error
/// rather than a blank label. Components inject <c>IStringLocalizer&lt;UiText&gt;</c>; keys are the
/// constants below so a typo does not compile either.
/// </summary>
public sealed class UiText
{
    public const string AppTitle = "App.Title";
    public const string NavMap = "Nav.Map";
    public const string Language = "Nav.Language";
    public const string HomeTitle = "Home.Title";
    public const string Streets = "Home.Streets";
    public const string Communities = "Home.Communities";
    public const string Grids = "Home.Grids";
    public const string Legend = "Home.Legend";
    public const string LegendDistrict = "Home.Legend.District";
    public const string LegendStreet = "Home.Legend.Street";
    public const string LegendCommunity = "Home.Legend.Community";
    public const string LegendGrid = "Home.Legend.Grid";
    public const string GridDetails = "Home.GridDetails";
    public const string GridHint = "Home.GridHint";
    public const string MapLabel = "Home.MapLabel";
    public const string LiveOffline = "Live.Offline";
    public const string NotFound = "Shell.NotFound";
    public const string Error = "Shell.Error";

    internal static IReadOnlyDictionary<string, (string Chinese, string English)> Entries { get; } =
        new Dictionary<string, (string, string)>
        {
            [AppTitle] = ("城市大脑指挥中心", "City Brain Command Center"),
            [NavMap] = ("网格地图", "Grid map"),
            [Language] = ("语言", "Language"),
            [HomeTitle] = ("辖区网格地图", "District grid map"),
            [Streets] = ("镇街", "Streets and towns"),
            [Communities] = ("村居", "Communities"),
            [Grids] = ("网格", "Grids"),
            [Legend] = ("图例", "Legend"),
            [LegendDistrict] = ("区界", "District boundary"),
            [LegendStreet] = ("镇街界", "Street boundary"),
            [LegendCommunity] = ("村居界", "Community boundary"),
            [LegendGrid] = ("网格", "Grid"),
            [GridDetails] = ("网格详情", "Grid details"),
            [GridHint] = ("点击地图上的网格查看详情", "Click a grid on the map to see its details"),
            [MapLabel] = ("辖区网格地图", "Map of the district's grids"),
            [LiveOffline] = ("离线", "Offline"),
            [NotFound] = ("页面不存在", "Page not found"),
            [Error] = ("服务器出错，请稍后重试", "Something went wrong on the server; please try again"),
        };
}

/// <summary>Looks <see cref="UiText"/> keys up in the current UI culture (zh-CN unless English was chosen).</summary>
public sealed class UiTextLocalizer : IStringLocalizer<UiText>
{
    public LocalizedString this[string name]
    {
        get
        {
            if (!UiText.Entries.TryGetValue(name, out var entry))
            {
                return new LocalizedString(name, name, resourceNotFound: true);
            }

            return new LocalizedString(name, UiCultures.IsEnglish(CultureInfo.CurrentUICulture) ? entry.English : entry.Chinese);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        UiText.Entries.Keys.Select(key => this[key]);
}
