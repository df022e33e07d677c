using Dashboard.Core.City;

namespace Dashboard.Core.Tests.City;

public class AdministrativeCodeTests
{
    [Fact]
    public void Grid_code_exposes_its_community_and_street()
    {
        var code = GridCode.Parse("440604010001003");

        Assert.Equal("440604010001", code.Community.Value);
        Assert.Equal("440604010", code.Street.Value);
        Assert.Equal("440604", code.Street.DistrictCode);
        Assert.Equal(3, code.Sequence);
    }

    [Theory]
    [InlineData("440604010001", false)]
    [InlineData("440604010199", false)]
    [InlineData("440604010200", true)]
    [InlineData("440604100399", true)]
    public void Community_code_tells_village_committees_from_residents_committees(string value, bool isVillage)
    {
        Assert.Equal(isVillage, CommunityCode.Parse(value).IsVillage);
    }

    [Theory]
    [InlineData("44060401000")]
    [InlineData("4406040100012")]
    [InlineData("44060401000A")]
    [InlineData("440604010000")]
    [InlineData("440604010400")]
    [InlineData("440604000001")]
    [InlineData("")]
    public void Malformed_community_code_is_rejected_with_the_expected_shape(string value)
    {
        var ex = Assert.Throws<FormatException>(() => CommunityCode.Parse(value));

        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("12 digits", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("440604010001000")]
    [InlineData("44060401000100")]
    [InlineData("440604010001 03")]
    public void Malformed_grid_code_is_rejected(string value)
    {
        Assert.False(GridCode.TryParse(value, out _));
        Assert.Throws<FormatException>(() => GridCode.Parse(value));
    }

    [Fact]
    public void Codes_order_like_their_digits()
    {
        Assert.True(GridCode.Parse("440604010001002") < GridCode.Parse("440604010001010"));
        Assert.True(StreetCode.Parse("440604012") > StreetCode.Parse("440604011"));
    }
}
