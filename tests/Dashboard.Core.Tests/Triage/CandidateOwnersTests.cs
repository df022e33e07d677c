using Dashboard.Core.Catalog;
using Dashboard.Core.Triage;
using Dashboard.TestSupport;

namespace Dashboard.Core.Tests.Triage;

public class CandidateOwnersTests
{
    private static readonly TriageRules Rules = new(TestCity.Chancheng, TestAssets.TheCatalog, new TriageOptions { BoundaryDistanceMetres = 60 });
    private static readonly CandidateOwners Owners = new(TestCity.Chancheng, TestAssets.TheCatalog);

    [Fact]
    public void Every_catalog_department_of_a_shared_item_is_a_candidate_with_the_catalog_rule()
    {
        var point = TriageRulesTests.DeepInsideShiwan();
        var @case = TriageRulesTests.CaseAt(point.X, point.Y, item: "CP-01-13");

        var candidates = Owners.For(@case, Rules.Evaluate(@case), []);

        Assert.Equal(["CGZF", "JT", "SW", "ZJ"], candidates.Select(c => c.DepartmentCode));
        Assert.All(candidates, c => Assert.Equal(CandidateRule.Catalog, c.Rule));
    }

    [Fact]
    public void Both_street_centers_of_a_boundary_are_candidates_at_street_tier()
    {
        var point = TriageRulesTests.OnShiwanZumiaoBoundary();
        var @case = TriageRulesTests.CaseAt(point.X, point.Y);

        var candidates = Owners.For(@case, Rules.Evaluate(@case), []);

        var streets = candidates.Where(c => c.Reasons.Any(r => r.Rule == CandidateRule.StreetBoundary)).ToList();
        Assert.Contains(streets, c => c.DepartmentCode == "CMD-440604010" && c.Tier == HandlingTier.Street && c.UnitCode == "440604010");
        Assert.Contains(streets, c => c.DepartmentCode == "CMD-440604012" && c.Tier == HandlingTier.Street && c.UnitCode == "440604012");
    }

    [Fact]
    public void The_streets_claiming_an_enclave_are_candidates_with_the_enclave_rule()
    {
        var enclave = TestCity.Chancheng.Enclaves[0];
        var inside = enclave.Boundary.InteriorPoint;
        var @case = TriageRulesTests.CaseAt(inside.X, inside.Y);

        var candidates = Owners.For(@case, Rules.Evaluate(@case), []);

        foreach (var street in enclave.CandidateStreetCodes)
        {
            Assert.Contains(candidates, c => c.UnitCode == street.Value && c.Reasons.Any(r => r.Rule == CandidateRule.Enclave && r.Reason.Contains(enclave.Id, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void A_precedent_for_the_same_item_and_place_is_suggested_first()
    {
        var enclave = TestCity.Chancheng.Enclaves[0];
        var inside = enclave.Boundary.InteriorPoint;
        var @case = TriageRulesTests.CaseAt(inside.X, inside.Y, item: "CP-01-13");
        var flags = Rules.Evaluate(@case);
        var precedent = new Precedent("CP-01-13", CandidateOwners.PlaceKeyFor(@case, flags), "SW", HandlingTier.District, "R1", "SJ202611010001",
            "区指挥中心值班员", new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero), "管线图显示为雨水井");

        var candidates = Owners.For(@case, flags, [precedent]);

        Assert.Equal("enclave:" + enclave.Id, precedent.PlaceKey);
        Assert.Equal("SW", candidates[0].DepartmentCode);
        Assert.Equal(CandidateRule.Precedent, candidates[0].Rule);
        Assert.Contains("管线图显示为雨水井", candidates[0].Reasons[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_an_enclave_precedents_are_filed_under_the_grid()
    {
        var point = TriageRulesTests.DeepInsideShiwan();
        var @case = TriageRulesTests.CaseAt(point.X, point.Y);

        Assert.Equal("grid:" + @case.GridCode, CandidateOwners.PlaceKeyFor(@case, Rules.Evaluate(@case)));
    }
}
