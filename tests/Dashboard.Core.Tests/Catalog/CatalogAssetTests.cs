using Dashboard.Core.Catalog;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Catalog;

public class CatalogAssetTests
{
    [Fact]
    public void The_catalog_has_247_items_of_which_59_are_handled_on_the_spot()
    {
        Assert.Equal(247, TheCatalog.Items.Count);
        Assert.Equal(59, TheCatalog.Items.Count(i => i.IsOnTheSpot));
    }

    [Fact]
    public void Every_owning_department_exists_and_handles_cases()
    {
        var codes = TheCatalog.Departments.Where(d => d.CanHandleCases).Select(d => d.Code).ToHashSet();
        var missing = TheCatalog.Items.SelectMany(i => i.DepartmentCodes.Select(d => (i.Code, d))).Where(p => !codes.Contains(p.d)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Departments_are_13_line_departments_the_hotline_the_district_center_and_four_street_centers()
    {
        Assert.Equal(13, TheCatalog.Departments.Count(d => d.Kind == DepartmentKind.Department));
        Assert.Single(TheCatalog.Departments, d => d.Kind == DepartmentKind.Hotline);
        Assert.Equal("CMD-440604", TheCatalog.DistrictCenter.Code);
        Assert.Equal(
            ["440604010", "440604011", "440604012", "440604100"],
            TheCatalog.Departments.Where(d => d.Kind == DepartmentKind.StreetCenter).Select(d => d.StreetCode!).Order());
    }

    [Fact]
    public void Verified_standard_codes_carry_their_standard_names()
    {
        Assert.Equal("上水井盖", TheCatalog.GetItem("CP-01-01").Name);
        Assert.Equal("0102", TheCatalog.GetItem("CP-01-02").StandardCode);
        Assert.Equal("暴露垃圾", TheCatalog.GetItem("EV-01-02").Name);
        Assert.Equal("私搭乱建", TheCatalog.GetItem("EV-01-01").Name);
    }

    [Theory]
    [InlineData("camera", "占道经营", "EV-05-02")]
    [InlineData("camera", "出店经营", "EV-05-03")]
    [InlineData("camera", "非机动车乱停放", "EV-05-06")]
    [InlineData("camera", "道路积水", "EV-04-03")]
    [InlineData("iot", "manhole.tilt", "EV-04-08")]
    [InlineData("iot", "elevator.trapped", "EV-04-10")]
    [InlineData("iot", "hydrant.pressure", "EV-04-14")]
    [InlineData("12345", "欠薪", "EV-06-06")]
    public void Feed_keys_find_their_item(string source, string key, string itemCode)
    {
        Assert.Equal(itemCode, TheCatalog.FindByFeedKey(source, key)?.Code);
    }

    [Fact]
    public void An_unknown_feed_key_finds_nothing()
    {
        Assert.Null(TheCatalog.FindByFeedKey("camera", "不存在的事件"));
    }

    [Fact]
    public void Every_item_has_a_dispatch_and_a_handle_limit()
    {
        Assert.All(TheCatalog.Items, i =>
        {
            Assert.NotNull(i.SlaFor(SlaStage.Dispatch));
            Assert.NotNull(i.SlaFor(SlaStage.Handle));
        });
    }

    [Fact]
    public void A_catalog_naming_an_unknown_department_is_refused_with_the_item_and_department_named()
    {
        var item = TheCatalog.GetItem("EV-01-02");
        var broken = new CatalogItem(item.Code, item.Kind, item.MajorClassCode, item.MajorClassName, item.MinorClassCode,
            item.MinorClassName, item.Name, item.NameEn, ["NOPE"], item.Tier, item.Slas, item.DefaultSeverity, item.IsOnTheSpot, []);

        var error = Assert.Throws<CatalogException>(() => new InspectionCatalog(TheCatalog.Departments, [broken]));
        Assert.Contains("EV-01-02", error.Message);
        Assert.Contains("NOPE", error.Message);
    }

    [Fact]
    public void Json_round_trip_keeps_every_item()
    {
        var again = CatalogJson.DeserializeItems(CatalogJson.SerializeItems(TheCatalog.Items));
        Assert.Equal(TheCatalog.Items.Select(i => (i.Code, i.Name, i.Tier, i.IsOnTheSpot, i.SlaFor(SlaStage.Handle))),
            again.Select(i => (i.Code, i.Name, i.Tier, i.IsOnTheSpot, i.SlaFor(SlaStage.Handle))));
    }

    [Fact]
    public void An_item_whose_code_disagrees_with_its_classes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CatalogItem("EV-01-02", ItemKind.Event, "05", "街面秩序", "02", "占道经营",
            "占道经营", "Street trading", ["CGZF"], HandlingTier.Grid,
            [new StageSla(SlaStage.Dispatch, SlaSpec.WorkingHours(2)), new StageSla(SlaStage.Handle, SlaSpec.WorkingHours(4))], 2, true, []));

        Assert.Contains("EV-05-02", error.Message);
    }
}
