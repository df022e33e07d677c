using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.Core.Incidents;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace Dashboard.Core.Triage;

/// <summary>Why a case is put forward for joint triage. Persisted and sent by name; do not rename.</summary>
public enum TriageFlagKind
{
    /// <summary>Within the configured distance of another street's boundary (镇街交界).</summary>
    NearStreetBoundary,

    /// <summary>Within the configured distance of another community's boundary (村居交界).</summary>
    NearCommunityBoundary,

    /// <summary>Inside a configured enclave or disputed patch (插花地带).</summary>
    InsideEnclave,

    /// <summary>The catalog names more than one department for the item (多部门事项).</summary>
    SeveralDepartments,

    /// <summary>Returned by departments twice (两次退回).</summary>
    ReturnedTwice,

    /// <summary>Escalated past the district into joint triage.</summary>
    EscalatedToTriage,

    /// <summary>A director asked for joint triage (领导提请).</summary>
    DirectorRequest,
}

/// <summary>
/// One reason to triage a case: the rule that fired, the units it is about (street, community or enclave codes, or
/// department codes) and a sentence that says why, in English for logs and the API (the UI words it per culture).
/// </summary>
public sealed record TriageFlag(TriageFlagKind Kind, IReadOnlyList<string> Subjects, string Reason, double? DistanceMetres = null);

/// <summary>What the rules look at: the case's place, item, how often it bounced and whether a director asked.</summary>
public sealed record TriageCase(
    string Number,
    string ItemCode,
    double Longitude,
    double Latitude,
    string? StreetCode,
    string? CommunityCode,
    string? GridCode,
    int ReturnCount,
    bool NeedsJointTriage,
    string? RequestedBy = null,
    string? RequestReason = null)
{
    public static TriageCase From(Incident incident, string? requestedBy = null, string? requestReason = null) => new(
        incident.Number, incident.ItemCode, incident.Location.Longitude, incident.Location.Latitude, incident.Location.StreetCode,
        incident.Location.CommunityCode, incident.Location.GridCode, incident.ReturnCount, incident.NeedsJointTriage, requestedBy, requestReason);

    public GeoPoint Point => new(Longitude, Latitude);
}

/// <summary>
/// The triage flag rules (研判触发规则), pure: the same case, city and catalog always give the same flags, each with
/// the reason behind it. Distances are great-circle metres from the case to the nearest point of the other unit's
/// boundary, found in degree space (at Foshan's latitude that nearest point is the metric one to within a few
/// metres at the distances that matter here).
/// </summary>
public sealed class TriageRules(CityAssets city, InspectionCatalog catalog, TriageOptions options)
{
    public double BoundaryDistanceMetres => options.BoundaryDistanceMetres;

    public IReadOnlyList<TriageFlag> Evaluate(TriageCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var flags = new List<TriageFlag>();
        var point = GeoJson.Factory.CreatePoint(new Coordinate(@case.Longitude, @case.Latitude));
        var limit = options.BoundaryDistanceMetres;

        if (@case.StreetCode is { } street)
        {
            var near = city.City.Streets
                .Where(s => s.Code.Value != street)
                .Select(s => (Code: s.Code.Value, s.Name, Distance: DistanceMetres(point, s.Boundary, limit)))
                .Where(s => s.Distance <= limit)
                .OrderBy(s => s.Distance)
                .ToList();
            if (near.Count > 0)
            {
                flags.Add(new TriageFlag(TriageFlagKind.NearStreetBoundary, [street, .. near.Select(n => n.Code)],
                    $"{Math.Round(near[0].Distance)} m from the boundary with {string.Join(", ", near.Select(n => n.Code))} (limit {limit} m).",
                    Math.Round(near[0].Distance, 1)));
            }
        }

        if (@case.CommunityCode is { } community)
        {
            var near = city.City.Communities
                .Where(c => c.Code.Value != community)
                .Select(c => (Code: c.Code.Value, Distance: DistanceMetres(point, c.Boundary, limit)))
                .Where(c => c.Distance <= limit)
                .OrderBy(c => c.Distance)
                .ToList();
            if (near.Count > 0)
            {
                flags.Add(new TriageFlag(TriageFlagKind.NearCommunityBoundary, [community, .. near.Select(n => n.Code)],
                    $"{Math.Round(near[0].Distance)} m from the boundary with community {string.Join(", ", near.Select(n => n.Code))} (limit {limit} m).",
                    Math.Round(near[0].Distance, 1)));
            }
        }

        foreach (var enclave in EnclavesAt(point))
        {
            flags.Add(new TriageFlag(TriageFlagKind.InsideEnclave, [enclave.Id, .. enclave.CandidateStreetCodes.Select(s => s.Value)],
                $"Inside enclave {enclave.Id} ({enclave.NameEn}), claimed by {string.Join(" and ", enclave.CandidateStreetCodes)}."));
        }

        if (catalog.TryGetItem(@case.ItemCode, out var item) && item!.HasSeveralCandidateDepartments)
        {
            flags.Add(new TriageFlag(TriageFlagKind.SeveralDepartments, item.DepartmentCodes,
                $"Catalog item {item.Code} can belong to {string.Join(", ", item.DepartmentCodes)}."));
        }

        if (@case.ReturnCount >= Incident.ReturnsBeforeJointTriage)
        {
            flags.Add(new TriageFlag(TriageFlagKind.ReturnedTwice, [],
                $"Returned {@case.ReturnCount} times by departments; another guess would bounce again."));
        }
        else if (@case.NeedsJointTriage)
        {
            flags.Add(new TriageFlag(TriageFlagKind.EscalatedToTriage, [], "Escalated into joint triage."));
        }

        if (@case.RequestedBy is { } who)
        {
            flags.Add(new TriageFlag(TriageFlagKind.DirectorRequest, [who],
                $"{who} asked for joint triage" + (string.IsNullOrWhiteSpace(@case.RequestReason) ? "." : $": {@case.RequestReason}")));
        }

        return flags;
    }

    /// <summary>The enclaves that contain the point (usually none, at most one in the demo city).</summary>
    public IReadOnlyList<Enclave> EnclavesAt(GeoPoint point) =>
        EnclavesAt(GeoJson.Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude)));

    private List<Enclave> EnclavesAt(Point point) => [.. city.Enclaves.Where(e => e.Boundary.Covers(point))];

    /// <summary>Metres from the point to the nearest point of the area's boundary; infinity when clearly farther than the limit.</summary>
    private static double DistanceMetres(Point point, Geometry area, double limitMetres)
    {
        // A cheap envelope test first: most units are kilometres away and need no exact distance.
        var padLat = GeoMath.MetresToLatitudeDegrees(limitMetres) * 1.5;
        var padLon = padLat / Math.Cos(point.Y * Math.PI / 180);
        var envelope = area.EnvelopeInternal;
        if (point.X < envelope.MinX - padLon || point.X > envelope.MaxX + padLon || point.Y < envelope.MinY - padLat || point.Y > envelope.MaxY + padLat)
        {
            return double.PositiveInfinity;
        }

        var nearest = DistanceOp.NearestPoints(area.Boundary, point);
        return GeoMath.DistanceMetres(point.X, point.Y, nearest[0].X, nearest[0].Y);
    }
}
