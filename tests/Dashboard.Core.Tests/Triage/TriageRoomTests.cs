using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Triage;

namespace Dashboard.Core.Tests.Triage;

public class TriageRoomTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Director = new("user:director.shiwan", "石湾镇街道主任", "streetDirector");
    private static readonly Actor Water = new("user:liaison.sw", "水务局联络员", "departmentLiaison");
    private static readonly Actor Housing = new("user:liaison.zj", "住房和城乡建设局联络员", "departmentLiaison");

    private static TriageRoom NewRoom(HandlingTier tier = HandlingTier.Street) => TriageRoom.Open("TR-1", new RoomSubject(
        "SJ202611230001", "无主井盖", "CP-01-13", 113.12, 23.02, "440604010", "440604010001", "440604010001001"), Director, tier, At, "管线权属不清");

    [Fact]
    public void A_decision_records_owner_tier_and_deadline_and_closes_the_room()
    {
        var room = NewRoom();
        room.Invite(Director, At, InviteeKind.Department, "SW");
        room.Decide(Director, At.AddMinutes(30), "SW", HandlingTier.Street, At.AddDays(3), "管线图显示为雨水井");

        Assert.Equal(RoomStatus.Decided, room.Status);
        Assert.Equal(("SW", HandlingTier.Street, At.AddDays(3)), (room.OwnerDepartmentCode, room.OwnerTier, room.DueUtc));
        var late = Assert.Throws<TriageRoomException>(() => room.Note(Water, At.AddHours(1), "补充"));
        Assert.Contains("decided", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_in_the_past_is_refused()
    {
        var room = NewRoom();

        Assert.Throws<TriageRoomException>(() => room.Decide(Director, At.AddHours(1), "SW", HandlingTier.Street, At, "x"));
        Assert.True(room.IsOpen);
    }

    [Fact]
    public void Claims_and_declines_need_a_reason_and_the_latest_word_of_each_department_counts()
    {
        var room = NewRoom();

        Assert.Throws<TriageRoomException>(() => room.Decline(Water, At, "SW", " ", null));
        room.Decline(Water, At, "SW", "不在供排水管网图上", "https://evidence.example/sw.pdf");
        room.Claim(Housing, At, "ZJ", "属小区配套设施", null);
        room.Claim(Water, At.AddMinutes(5), "SW", "复核后确认为雨水井", null);

        Assert.Equal(RoomStepKind.Claimed, room.Positions()["SW"]);
        Assert.Equal("https://evidence.example/sw.pdf", room.Steps.Single(s => s.Kind == RoomStepKind.Declined).EvidenceUrl);
    }

    [Fact]
    public void Disagreement_goes_one_tier_up_and_the_district_is_the_top()
    {
        var room = NewRoom();

        room.Escalate(Director, At, "两部门仍有分歧");
        Assert.Equal(HandlingTier.District, room.RulingTier);
        Assert.Throws<TriageRoomException>(() => room.Escalate(Director, At, "再上报"));
    }

    [Fact]
    public void Agreeing_refers_to_a_proposal_and_counts_once_per_person()
    {
        var room = NewRoom();
        var proposal = room.Propose(Director, At, "SW", HandlingTier.Street, "雨水井归水务");

        room.Agree(Water, At, proposal.Sequence, null);

        Assert.Throws<TriageRoomException>(() => room.Agree(Water, At, proposal.Sequence, null));
        Assert.Throws<TriageRoomException>(() => room.Agree(Housing, At, 99, null));
    }

    [Fact]
    public void Only_http_links_are_kept_as_the_video_conference()
    {
        var room = NewRoom();

        Assert.Throws<TriageRoomException>(() => room.SetVideoLink(Director, At, "javascript:alert(1)"));
        room.SetVideoLink(Director, At, "https://meeting.example/j/123");
        Assert.Equal("https://meeting.example/j/123", room.VideoUrl);
    }

    [Fact]
    public void Every_step_goes_to_the_change_log_of_the_room_channel_only()
    {
        var room = NewRoom();
        room.Invite(Director, At, InviteeKind.Department, "SW");

        var changes = room.DrainChanges();

        Assert.Equal(["room.opened", "room.invited"], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.True(LiveScope.Room("TR-1").Contains(c)));
        Assert.All(changes, c => Assert.False(LiveScope.District("440604").Contains(c)));
        Assert.Empty(room.DrainChanges());
    }

    [Fact]
    public void A_guest_link_keeps_only_the_hash_and_expires()
    {
        var (link, token) = RoomGuestLink.Issue("TR-1", "供电局", "区指挥中心值班员", At, TimeSpan.FromHours(24));

        Assert.NotEqual(token, link.TokenHash);
        Assert.Equal(RoomGuestLink.HashOf(token), link.TokenHash);
        Assert.True(link.IsValidAt(At.AddHours(23)));
        Assert.False(link.IsValidAt(At.AddHours(24)));
        link.Revoke(At.AddHours(1));
        Assert.False(link.IsValidAt(At.AddHours(2)));
    }
}
