using System.Text.Json;
using Dashboard.Core.Incidents;

namespace Dashboard.Ingest.Apis;

/// <summary>The normalized incident as the JSON API shows it.</summary>
public sealed record IncidentView(
    string Number,
    string Title,
    string? Description,
    string ItemCode,
    int Severity,
    string Status,
    string Source,
    string ExternalId,
    PlaceView Place,
    DateTimeOffset OccurredUtc,
    DateTimeOffset ReportedUtc,
    DateTimeOffset UpdatedUtc,
    IReadOnlyList<ReportView> Reports)
{
    public static IncidentView Of(Incident incident) => new(
        incident.Number,
        incident.Title,
        incident.Description,
        incident.ItemCode,
        incident.Severity,
        incident.Status.ToString(),
        FeedSourceNames.Of(FromIncidentSource(incident.Source)),
        incident.ExternalId,
        new PlaceView(
            incident.Location.Longitude,
            incident.Location.Latitude,
            incident.Location.StreetCode,
            incident.Location.CommunityCode,
            incident.Location.GridCode,
            incident.Location.IsOutsideDistrict,
            incident.Location.Address),
        incident.OccurredUtc,
        incident.ReportedUtc,
        incident.UpdatedUtc,
        [.. incident.Reports.OrderBy(r => r.ReceivedUtc).ThenBy(r => r.Id).Select(ReportView.Of)]);

    internal static Normalization.FeedSource FromIncidentSource(IncidentSource source) => Enum.Parse<Normalization.FeedSource>(source.ToString());
}

public sealed record PlaceView(double Lon, double Lat, string? Street, string? Community, string? Grid, bool OutsideDistrict, string? Address);

/// <summary>One source's report on the incident: where it came from and, if it joined later, why.</summary>
/// <param name="State">The state the source last gave this message (Active, Cleared, Open, Closed, Cancelled, Update); a source's update revises it.</param>
public sealed record ReportView(string Source, string? SourceSystem, string ExternalId, DateTimeOffset ReceivedUtc, string? Summary, string? JoinReason, string? State)
{
    public static ReportView Of(IncidentReport report)
    {
        string? sourceSystem = null;
        string? joinReason = null;
        string? state = null;
        if (report.PayloadJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            sourceSystem = document.RootElement.TryGetProperty("sourceSystem", out var s) ? s.GetString() : null;
            joinReason = document.RootElement.TryGetProperty("joinReason", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
            state = document.RootElement.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() : null;
        }

        return new ReportView(FeedSourceNames.Of(IncidentView.FromIncidentSource(report.Source)), sourceSystem, report.ExternalId, report.ReceivedUtc, report.Summary, joinReason, state);
    }
}
