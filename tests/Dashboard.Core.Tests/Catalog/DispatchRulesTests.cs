using Dashboard.Core.Catalog;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Catalog;

public class DispatchRulesTests
{
    private static readonly DispatchPlace Lanshi = new("440604010", "440604010001", "440604010001001");

    [Fact]
    public void A_single_owner_item_goes_to_its_department_at_its_tier()
    {
        var decision = new DispatchRules(TheCatalog).Decide(TheCatalog.GetItem("CP-01-01"), Lanshi);

        Assert.Equal("SW", decision.DepartmentCode);
        Assert.Equal(HandlingTier.Street, decision.Tier);
        Assert.Equal("440604010", decision.OwnerUnitCode);
        Assert.False(decision.NeedsJointTriage);
    }

    [Fact]
    public void An_item_with_several_candidate_departments_goes_to_joint_triage()
    {
        var decision = new DispatchRules(TheCatalog).Decide(TheCatalog.GetItem("CP-01-13"), Lanshi);

        Assert.True(decision.NeedsJointTriage);
        Assert.Null(decision.DepartmentCode);
        Assert.Equal(HandlingTier.District, decision.Tier);
        Assert.Equal(["CGZF", "SW", "ZJ", "JT"], decision.CandidateDepartmentCodes);
    }

    [Fact]
    public void A_street_specific_rule_beats_a_general_rule_for_the_same_item()
    {
        var rules = new DispatchRules(TheCatalog,
        [
            DispatchRule.ForItem("CP-01-13", "CGZF", "district rule"),
            DispatchRule.ForItem("CP-01-13", "CMD-440604100", "Nanzhuang handles its own", HandlingTier.Street, "440604100"),
        ]);

        Assert.Equal("CGZF", rules.Decide(TheCatalog.GetItem("CP-01-13"), Lanshi).DepartmentCode);
        var nanzhuang = rules.Decide(TheCatalog.GetItem("CP-01-13"), new DispatchPlace("440604100", "440604100001", null));
        Assert.Equal("CMD-440604100", nanzhuang.DepartmentCode);
        Assert.False(nanzhuang.NeedsJointTriage);
    }

    [Fact]
    public void A_dispatcher_choice_wins_but_never_a_unit_that_does_not_handle_cases()
    {
        var rules = new DispatchRules(TheCatalog);

        Assert.Equal("GA", rules.Decide(TheCatalog.GetItem("CP-01-13"), Lanshi, departmentOverride: "GA").DepartmentCode);
        var error = Assert.Throws<CatalogException>(() => rules.Decide(TheCatalog.GetItem("CP-01-13"), Lanshi, "HOTLINE-12345"));
        Assert.Contains("HOTLINE-12345", error.Message);
    }

    [Fact]
    public void A_place_outside_the_district_is_flagged_not_dispatched()
    {
        var decision = new DispatchRules(TheCatalog).Decide(TheCatalog.GetItem("EV-01-02"), DispatchPlace.OutsideDistrict);

        Assert.True(decision.IsOutsideDistrict);
        Assert.Null(decision.DepartmentCode);
    }

    [Fact]
    public void A_grid_item_without_a_known_grid_is_owned_by_the_first_tier_whose_unit_is_known()
    {
        var decision = new DispatchRules(TheCatalog).Decide(TheCatalog.GetItem("EV-01-02"), new DispatchPlace("440604011", null, null));

        Assert.Equal(HandlingTier.Street, decision.Tier);
        Assert.Equal("440604011", decision.OwnerUnitCode);
    }

    [Fact]
    public void A_rule_naming_an_unknown_department_is_refused()
    {
        var error = Assert.Throws<CatalogException>(() => new DispatchRules(TheCatalog, [DispatchRule.ForItem("EV-01-02", "NOPE", "typo")]));
        Assert.Contains("NOPE", error.Message);
    }

    [Theory]
    [InlineData(HandlingTier.Grid, HandlingTier.Community, false)]
    [InlineData(HandlingTier.Community, HandlingTier.Street, false)]
    [InlineData(HandlingTier.Street, HandlingTier.District, false)]
    [InlineData(HandlingTier.District, HandlingTier.District, true)]
    public void The_escalation_ladder_goes_one_tier_up_and_ends_in_joint_triage(HandlingTier from, HandlingTier to, bool jointTriage)
    {
        var step = EscalationLadder.Next(from);
        Assert.Equal(to, step.To);
        Assert.Equal(jointTriage, step.IsJointTriage);
    }
}
