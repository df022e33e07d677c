using NetTopologySuite.Geometries;

namespace Dashboard.Core.City;

/// <summary>
/// An enclave or disputed patch (插花地带) astride a street boundary. It overlays the grid tiling (the grid
/// still decides the owner); an incident inside one may need the candidate streets to agree on ownership.
/// </summary>
public sealed class Enclave
{
    private readonly List<StreetCode> _candidateStreetCodes;

    public Enclave(string id, string name, string nameEn, string note, IEnumerable<StreetCode> candidateStreetCodes, Geometry boundary)
    {
        Id = District.RequireText(id, nameof(id));
        Name = District.RequireText(name, nameof(name));
        NameEn = District.RequireText(nameEn, nameof(nameEn));
        Note = note ?? string.Empty;
        _candidateStreetCodes = candidateStreetCodes.ToList();
        if (_candidateStreetCodes.Count < 2)
        {
            throw new ArgumentException($"enclave {id}: a disputed patch needs at least two candidate streets", nameof(candidateStreetCodes));
        }

        Boundary = District.RequireArea(boundary, $"enclave {id}");
    }

    private Enclave()
    {
        Id = Name = NameEn = Note = string.Empty;
        _candidateStreetCodes = [];
        Boundary = Polygon.Empty;
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public string Note { get; private set; }

    public IReadOnlyList<StreetCode> CandidateStreetCodes => _candidateStreetCodes;

    public Geometry Boundary { get; private set; }
}
