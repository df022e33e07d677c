using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Incidents;

/// <summary>Brings a case from the seeded catalog to any status along the usual path.</summary>
internal static class IncidentBuilder
{
    public static readonly Actor Worker = new("u-worker", "网格员 陈", "communityWorker");
    public static readonly Actor Dispatcher = new("u-operator", "值班员 李", "districtOperator");
    public static readonly Actor Liaison = new("u-cgzf", "城管联络员 王", "departmentLiaison");
    public static readonly DateTimeOffset T0 = Local(2026, 11, 23, 9);

    private static int _next;

    public static readonly IncidentLocation Lanshi = new(113.1200, 23.0200, "440604010001001", "440604010001", "440604010", address: "澜石二路");

    /// <summary>暴露垃圾: an on-the-spot item, so every path, including self-handling, is open.</summary>
    public static Incident NewIncident(string itemCode = "EV-01-02")
    {
        var number = IncidentNumbers.Format(new DateOnly(2026, 11, 23), Interlocked.Increment(ref _next));
        var draft = IncidentDraft.FromCatalog(number, IncidentSource.Camera, "cam-" + number, TheCatalog.GetItem(itemCode), Lanshi, T0);
        return Incident.Report(draft, Actor.System("ingest"), T0);
    }

    public static Incident InStatus(IncidentStatus status)
    {
        var incident = NewIncident();
        var t = T0;
        DateTimeOffset Next() => t = t.AddMinutes(5);
        switch (status)
        {
            case IncidentStatus.Reported:
                break;
            case IncidentStatus.SelfHandled:
                incident.SelfHandle(Worker, Next());
                break;
            case IncidentStatus.Merged:
                incident.MergeInto(NewIncident(), Dispatcher, Next(), "same pile of garbage");
                break;
            case IncidentStatus.Rejected:
                incident.Reject(Dispatcher, Next(), "not in a public area");
                break;
            default:
                incident.Register(Dispatcher, Next());
                if (status == IncidentStatus.Escalated)
                {
                    incident.Escalate(Dispatcher, Next(), "needs the street's team");
                    break;
                }

                if (status == IncidentStatus.Registered)
                {
                    break;
                }

                incident.Dispatch(Dispatcher, Next(), "CGZF", HandlingTier.Grid);
                if (status == IncidentStatus.Returned)
                {
                    incident.Return(Liaison, Next(), "not ours");
                    break;
                }

                if (status == IncidentStatus.Dispatched)
                {
                    break;
                }

                incident.Accept(Liaison, Next());
                if (status == IncidentStatus.Accepted)
                {
                    break;
                }

                incident.Handle(Liaison, Next());
                if (status == IncidentStatus.Handled)
                {
                    break;
                }

                incident.Verify(Worker, Next());
                if (status == IncidentStatus.Verified)
                {
                    break;
                }

                incident.Close(Dispatcher, Next());
                break;
        }

        Assert.Equal(status, incident.Status);
        incident.ClearDomainEvents();
        return incident;
    }

    /// <summary>Performs <paramref name="action"/> with plausible arguments one hour after the case's last change.</summary>
    public static void Apply(Incident incident, IncidentAction action)
    {
        var at = incident.UpdatedUtc.AddHours(1);
        switch (action)
        {
            case IncidentAction.SelfHandle: incident.SelfHandle(Worker, at); break;
            case IncidentAction.Register: incident.Register(Dispatcher, at); break;
            case IncidentAction.Dispatch: incident.Dispatch(Dispatcher, at, "CGZF", HandlingTier.Community); break;
            case IncidentAction.Accept: incident.Accept(Liaison, at); break;
            case IncidentAction.Handle: incident.Handle(Liaison, at); break;
            case IncidentAction.FailVerification: incident.FailVerification(Worker, at, "still there"); break;
            case IncidentAction.Verify: incident.Verify(Worker, at); break;
            case IncidentAction.Close: incident.Close(Dispatcher, at); break;
            case IncidentAction.Return: incident.Return(Liaison, at, "not ours"); break;
            case IncidentAction.Escalate: incident.Escalate(Dispatcher, at, "too big"); break;
            case IncidentAction.Merge: incident.MergeInto(NewIncident(), Dispatcher, at, "duplicate"); break;
            case IncidentAction.Reject: incident.Reject(Dispatcher, at, "false alarm"); break;
            case IncidentAction.Reopen: incident.Reopen(Dispatcher, at, "caller unsatisfied"); break;
            case IncidentAction.SendBack: incident.SendBack(Dispatcher, at, "it is yours after all"); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, "Not a status-changing action.");
        }
    }
}
