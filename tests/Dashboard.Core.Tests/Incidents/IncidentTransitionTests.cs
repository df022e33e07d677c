using Dashboard.Core.Incidents;
using static Dashboard.Core.Tests.Incidents.IncidentBuilder;

namespace Dashboard.Core.Tests.Incidents;

public class IncidentTransitionTests
{
    public static TheoryData<IncidentAction, IncidentStatus, IncidentStatus> LegalTransitions()
    {
        var data = new TheoryData<IncidentAction, IncidentStatus, IncidentStatus>();
        foreach (var t in IncidentTransitions.All)
        {
            data.Add(t.Action, t.From, t.To);
        }

        return data;
    }

    public static TheoryData<IncidentAction, IncidentStatus> IllegalTransitions()
    {
        var data = new TheoryData<IncidentAction, IncidentStatus>();
        foreach (var action in IncidentTransitions.StatusChangingActions)
        {
            foreach (var status in Enum.GetValues<IncidentStatus>())
            {
                if (IncidentTransitions.Target(action, status) is null)
                {
                    data.Add(action, status);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Every_legal_transition_moves_the_case_and_records_it(IncidentAction action, IncidentStatus from, IncidentStatus to)
    {
        var incident = InStatus(from);
        var entries = incident.Timeline.Count;

        Apply(incident, action);

        Assert.Equal(to, incident.Status);
        var entry = incident.Timeline[entries];
        Assert.Equal((action, from, to, entries + 1), (entry.Action, entry.FromStatus, entry.ToStatus, entry.Sequence));
        Assert.Contains(incident.DomainEvents, e => e.Action == action && e.FromStatus == from && e.ToStatus == to);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_illegal_transition_is_refused_and_changes_nothing(IncidentAction action, IncidentStatus from)
    {
        var incident = InStatus(from);
        var entries = incident.Timeline.Count;

        var error = Assert.Throws<IncidentTransitionException>(() => Apply(incident, action));

        Assert.Equal(from, incident.Status);
        Assert.Equal(entries, incident.Timeline.Count);
        Assert.Empty(incident.DomainEvents);
        Assert.Contains(incident.Number, error.Message);
        Assert.Contains($"it is {from}", error.Message);
    }

    [Fact]
    public void Verifying_a_dispatched_case_says_it_must_be_handled_first()
    {
        var incident = InStatus(IncidentStatus.Dispatched);

        var error = Assert.Throws<IncidentTransitionException>(() => incident.Verify(Worker, T0.AddHours(2)));

        Assert.Equal($"Cannot verify incident {incident.Number}: it is Dispatched; it must be Handled first.", error.Message);
    }

    [Fact]
    public void Dispatching_a_reported_case_names_every_status_it_could_be_dispatched_from()
    {
        var incident = InStatus(IncidentStatus.Reported);

        var error = Assert.Throws<IncidentTransitionException>(() => incident.Dispatch(Dispatcher, T0.AddHours(1), "CGZF", Core.Catalog.HandlingTier.Grid));

        Assert.EndsWith("it must be Registered, Returned or Escalated first.", error.Message);
    }

    [Fact]
    public void Only_on_the_spot_items_can_be_self_handled()
    {
        var incident = NewIncident("EV-01-01"); // 私搭乱建 needs enforcement, not a grid worker

        var error = Assert.Throws<IncidentTransitionException>(() => incident.SelfHandle(Worker, T0.AddMinutes(5)));

        Assert.Contains("not an on-the-spot item", error.Message);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
    }

    [Fact]
    public void Merged_and_rejected_cases_are_terminal()
    {
        foreach (var status in new[] { IncidentStatus.Merged, IncidentStatus.Rejected })
        {
            Assert.DoesNotContain(IncidentTransitions.All, t => t.From == status);
            Assert.False(InStatus(status).IsOpen);
        }
    }
}
