namespace Dashboard.Core.Incidents;

/// <summary>
/// Where a case is: a WGS-84 point plus the units that contain it. Codes are null when the point has not been
/// located yet or lies outside the district.
/// </summary>
public sealed record IncidentLocation
{
    public IncidentLocation(
        double longitude,
        double latitude,
        string? gridCode = null,
        string? communityCode = null,
        string? streetCode = null,
        bool isOutsideDistrict = false,
        string? address = null)
    {
        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within -180..180 (WGS-84 degrees).");
        }

        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within -90..90 (WGS-84 degrees).");
        }

        if (isOutsideDistrict && (gridCode ?? communityCode ?? streetCode) is not null)
        {
            throw new ArgumentException("A place outside the district cannot have grid, community or street codes.", nameof(isOutsideDistrict));
        }

        Longitude = longitude;
        Latitude = latitude;
        GridCode = gridCode;
        CommunityCode = communityCode;
        StreetCode = streetCode;
        IsOutsideDistrict = isOutsideDistrict;
        Address = address;
    }

    public double Longitude { get; }

    public double Latitude { get; }

    public string? GridCode { get; }

    public string? CommunityCode { get; }

    public string? StreetCode { get; }

    public bool IsOutsideDistrict { get; }

    public string? Address { get; }
}
