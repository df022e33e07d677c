using Dashboard.Core.Live;
using Dashboard.TestSupport.Live;

namespace Dashboard.Core.Tests.Live;

public sealed class LiveScopeTests
{
    [Theory]
    [InlineData("district:440604", LiveScopeKind.District, "440604")]
    [InlineData("street:440604010", LiveScopeKind.Street, "440604010")]
    [InlineData("community:440604010001", LiveScopeKind.Community, "440604010001")]
    [InlineData("room:triage-7", LiveScopeKind.Room, "triage-7")]
    public void A_scope_parses_and_formats_back_to_the_same_text(string text, LiveScopeKind kind, string code)
    {
        var scope = LiveScope.Parse(text);

        Assert.Equal(kind, scope.Kind);
        Assert.Equal(code, scope.Code);
        Assert.Equal(text, scope.ToString());
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("district", "district code is 6 digits")]
    [InlineData("street:44060401", "street code is 9 digits")]
    [InlineData("community:440604010", "community code is 12 digits")]
    [InlineData("grid:440604010001001", "must start with")]
    [InlineData("room:a b", "room id")]
    public void A_malformed_scope_is_refused_with_a_message_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LiveScope.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_subscriber_sees_its_own_street_but_never_a_neighbouring_one()
    {
        var street = LiveScope.Street("440604010");

        Assert.True(street.Contains(TestChanges.InStreet("440604010", "440604010001")));
        Assert.False(street.Contains(TestChanges.InStreet("440604011", "440604011001")));
    }

    [Fact]
    public void District_level_facts_reach_every_area_scope_but_not_rooms()
    {
        var fact = TestChanges.DistrictWide();

        Assert.True(LiveScope.District("440604").Contains(fact));
        Assert.True(LiveScope.Street("440604010").Contains(fact));
        Assert.True(LiveScope.Community("440604010001").Contains(fact));
        Assert.False(LiveScope.Room("triage-7").Contains(fact));
    }

    [Fact]
    public void A_community_sees_its_street_level_facts_but_not_a_sibling_community()
    {
        var community = LiveScope.Community("440604010001");

        Assert.True(community.Contains(TestChanges.InStreet("440604010")));
        Assert.True(community.Contains(TestChanges.InStreet("440604010", "440604010001")));
        Assert.False(community.Contains(TestChanges.InStreet("440604010", "440604010002")));
    }

    [Fact]
    public void An_entry_missing_its_street_code_is_placed_by_its_grid_code_and_does_not_leak()
    {
        var onlyGrid = new Core.Storage.ChangeLog.ChangeLogEntry(TestChanges.At, "sensor.alarm", "sensor", "s-1",
            new Core.Storage.ChangeLog.ChangeScope(null, null, "440604011002003"), "{}");

        Assert.False(LiveScope.Street("440604010").Contains(onlyGrid));
        Assert.True(LiveScope.Street("440604011").Contains(onlyGrid));
        Assert.True(LiveScope.Community("440604011002").Contains(onlyGrid));
    }

    [Fact]
    public void Room_messages_reach_only_their_room()
    {
        var message = TestChanges.InRoom("triage-7");

        Assert.True(LiveScope.Room("triage-7").Contains(message));
        Assert.False(LiveScope.Room("triage-8").Contains(message));
        Assert.False(LiveScope.District("440604").Contains(message));
    }

    [Fact]
    public void A_street_lies_within_its_district_and_a_community_within_its_street_only()
    {
        Assert.True(LiveScope.Street("440604010").IsWithin(LiveScope.District("440604")));
        Assert.True(LiveScope.Community("440604010001").IsWithin(LiveScope.Street("440604010")));
        Assert.False(LiveScope.Community("440604011001").IsWithin(LiveScope.Street("440604010")));
        Assert.False(LiveScope.District("440604").IsWithin(LiveScope.Street("440604010")));
    }
}
