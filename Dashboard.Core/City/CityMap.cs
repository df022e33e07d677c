using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.City;

/// <summary>
/// The loaded city hierarchy: district → streets (镇街) → communities (村居) → grids (网格), with lookups by
/// code and the children of each unit. Immutable once built; safe to share between threads.
/// </summary>
public sealed class CityMap
{
    private readonly Dictionary<StreetCode, Street> _streets;
    private readonly Dictionary<CommunityCode, Community> _communities;
    private readonly Dictionary<GridCode, GridCell> _grids;
    private readonly Dictionary<StreetCode, List<Community>> _communitiesByStreet;
    private readonly Dictionary<CommunityCode, List<GridCell>> _gridsByCommunity;
    private readonly Dictionary<StreetCode, List<GridCell>> _gridsByStreet;

    /// <exception cref="ArgumentException">A code is duplicated, a unit lies in another district, or a parent is missing.</exception>
    public CityMap(District district, IEnumerable<Street> streets, IEnumerable<Community> communities, IEnumerable<GridCell> grids)
    {
        ArgumentNullException.ThrowIfNull(district);
        District = district;
        Streets = streets.OrderBy(s => s.Code).ToList();
        Communities = communities.OrderBy(c => c.Code).ToList();
        Grids = grids.OrderBy(g => g.Code).ToList();

        _streets = Unique(Streets, s => s.Code, "street");
        _communities = Unique(Communities, c => c.Code, "community");
        _grids = Unique(Grids, g => g.Code, "grid");

        foreach (var street in Streets.Where(s => s.Code.DistrictCode != district.Code))
        {
            throw new ArgumentException($"street {street} does not belong to district {district.Code}", nameof(streets));
        }

        foreach (var community in Communities.Where(c => !_streets.ContainsKey(c.StreetCode)))
        {
            throw new ArgumentException($"community {community} names street {community.StreetCode}, which is not in the map", nameof(communities));
        }

        foreach (var grid in Grids.Where(g => !_communities.ContainsKey(g.CommunityCode)))
        {
            throw new ArgumentException($"grid {grid} names community {grid.CommunityCode}, which is not in the map", nameof(grids));
        }

        _communitiesByStreet = Streets.ToDictionary(s => s.Code, s => Communities.Where(c => c.StreetCode == s.Code).ToList());
        _gridsByCommunity = Communities.ToDictionary(c => c.Code, c => new List<GridCell>());
        _gridsByStreet = Streets.ToDictionary(s => s.Code, s => new List<GridCell>());
        foreach (var grid in Grids)
        {
            _gridsByCommunity[grid.CommunityCode].Add(grid);
            _gridsByStreet[grid.StreetCode].Add(grid);
        }
    }

    public District District { get; }

    /// <summary>All streets, ordered by code.</summary>
    public IReadOnlyList<Street> Streets { get; }

    /// <summary>All communities, ordered by code.</summary>
    public IReadOnlyList<Community> Communities { get; }

    /// <summary>All grids, ordered by code.</summary>
    public IReadOnlyList<GridCell> Grids { get; }

    public Street GetStreet(StreetCode code) =>
        _streets.TryGetValue(code, out var s) ? s : throw new KeyNotFoundException($"no street {code} in {District.Name}");

    public Community GetCommunity(CommunityCode code) =>
        _communities.TryGetValue(code, out var c) ? c : throw new KeyNotFoundException($"no community {code} in {District.Name}");

    public GridCell GetGrid(GridCode code) =>
        _grids.TryGetValue(code, out var g) ? g : throw new KeyNotFoundException($"no grid {code} in {District.Name}");

    public bool TryGetStreet(StreetCode code, [MaybeNullWhen(false)] out Street street) => _streets.TryGetValue(code, out street);

    public bool TryGetCommunity(CommunityCode code, [MaybeNullWhen(false)] out Community community) => _communities.TryGetValue(code, out community);

    public bool TryGetGrid(GridCode code, [MaybeNullWhen(false)] out GridCell grid) => _grids.TryGetValue(code, out grid);

    /// <summary>Communities of a street, ordered by code.</summary>
    public IReadOnlyList<Community> CommunitiesOf(StreetCode street) =>
        _communitiesByStreet.TryGetValue(street, out var list) ? list : throw new KeyNotFoundException($"no street {street} in {District.Name}");

    /// <summary>Grids of a community, ordered by code.</summary>
    public IReadOnlyList<GridCell> GridsOf(CommunityCode community) =>
        _gridsByCommunity.TryGetValue(community, out var list) ? list : throw new KeyNotFoundException($"no community {community} in {District.Name}");

    /// <summary>Grids of a street, ordered by code.</summary>
    public IReadOnlyList<GridCell> GridsOf(StreetCode street) =>
        _gridsByStreet.TryGetValue(street, out var list) ? list : throw new KeyNotFoundException($"no street {street} in {District.Name}");

    private static Dictionary<TKey, T> Unique<TKey, T>(IReadOnlyList<T> items, Func<T, TKey> key, string what)
        where TKey : notnull
    {
        var result = new Dictionary<TKey, T>(items.Count);
        foreach (var item in items)
        {
            if (!result.TryAdd(key(item), item))
            {
                throw new ArgumentException($"{what} code {key(item)} appears more than once");
            }
        }

        return result;
    }
}
