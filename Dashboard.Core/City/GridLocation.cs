using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.City;

/// <summary>
/// Where a point falls in the city: its grid, community and street, or <see cref="OutsideDistrict"/>.
/// A struct holding references to the already loaded units, so a lookup allocates nothing.
/// </summary>
public readonly struct GridLocation : IEquatable<GridLocation>
{
    internal GridLocation(GridCell grid, Community community, Street street)
    {
        Grid = grid;
        Community = community;
        Street = street;
    }

    /// <summary>The result for a point that no grid covers.</summary>
    public static GridLocation OutsideDistrict => default;

    [MemberNotNullWhen(true, nameof(Grid), nameof(Community), nameof(Street))]
    public bool IsInsideDistrict => Grid is not null;

    public GridCell? Grid { get; }

    public Community? Community { get; }

    public Street? Street { get; }

    public static bool operator ==(GridLocation left, GridLocation right) => left.Equals(right);

    public static bool operator !=(GridLocation left, GridLocation right) => !left.Equals(right);

    public bool Equals(GridLocation other) => ReferenceEquals(Grid, other.Grid);

    public override bool Equals(object? obj) => obj is GridLocation other && Equals(other);

    public override int GetHashCode() => Grid?.Code.GetHashCode() ?? 0;

    public override string ToString() => IsInsideDistrict ? $"{Street.Name} / {Community.Name} / {Grid.Name} ({Grid.Code})" : "outside the district";
}
