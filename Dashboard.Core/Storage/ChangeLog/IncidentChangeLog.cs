using System.Text.Json;
using Dashboard.Core.Incidents;

namespace Dashboard.Core.Storage.ChangeLog;

/// <summary>
/// Turns an <see cref="Incident"/>'s domain events into change-log rows. The aggregate records
/// <see cref="IncidentChanged"/> events but does not implement <see cref="IChangeLogSource"/>; this adapter
/// lets <see cref="CityDbContext"/> drain it like any other source without changing the aggregate.
/// </summary>
internal static class IncidentChangeLog
{
    public static IReadOnlyList<ChangeLogEntry> Drain(Incident incident)
    {
        if (incident.DomainEvents.Count == 0)
        {
            return [];
        }

        var scope = new ChangeScope(incident.Location.StreetCode, incident.Location.CommunityCode, incident.Location.GridCode);
        var entries = incident.DomainEvents.Select(e => new ChangeLogEntry(
            e.AtUtc.ToUniversalTime(),
            Kind(e.Action),
            "incident",
            incident.Number,
            scope,
            JsonSerializer.Serialize(new
            {
                number = incident.Number,
                action = e.Action.ToString(),
                from = e.FromStatus?.ToString(),
                status = e.ToStatus.ToString(),
                item = incident.ItemCode,
                title = incident.Title,
                severity = incident.Severity,
                lon = incident.Location.Longitude,
                lat = incident.Location.Latitude,
                grid = incident.Location.GridCode,
                outside = incident.Location.IsOutsideDistrict,
                reports = incident.Reports.Count,
                reason = e.Reason,
            }),
            isCritical: incident.Severity >= 5 && e.Action == IncidentAction.Report,
            actor: e.Actor.Id)).ToList();
        incident.ClearDomainEvents();
        return entries;
    }

    /// <summary><c>incident.report</c>, <c>incident.attach-report</c>, <c>incident.dispatch</c>...</summary>
    private static string Kind(IncidentAction action) =>
        "incident." + SnakeCaseNames.ToSnakeCase(action.ToString()).Replace('_', '-');
}
