using Dashboard.Core.Catalog;

namespace Dashboard.Core.Triage;

/// <summary>
/// A ruling kept for next time (研判先例): for this catalog item at this place, this department at this tier owned it.
/// The place is the enclave when the case lay in one (the dispute is about the patch), otherwise the grid.
/// </summary>
public sealed class Precedent
{
    private Precedent()
    {
        ItemCode = PlaceKey = DepartmentCode = RoomId = IncidentNumber = RuledByName = Reason = string.Empty;
    }

    public Precedent(string itemCode, string placeKey, string departmentCode, HandlingTier tier, string roomId, string incidentNumber, string ruledByName, DateTimeOffset ruledUtc, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(placeKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        ItemCode = itemCode;
        PlaceKey = placeKey;
        DepartmentCode = departmentCode;
        Tier = tier;
        RoomId = roomId;
        IncidentNumber = incidentNumber;
        RuledByName = ruledByName;
        RuledUtc = ruledUtc.ToUniversalTime();
        Reason = reason;
    }

    public long Id { get; private set; }

    public string ItemCode { get; private set; }

    /// <summary><c>enclave:ENC-01</c> or <c>grid:440604010001003</c> (see <see cref="PlaceKeys"/>).</summary>
    public string PlaceKey { get; private set; }

    public string DepartmentCode { get; private set; }

    public HandlingTier Tier { get; private set; }

    public string RoomId { get; private set; }

    public string IncidentNumber { get; private set; }

    public string RuledByName { get; private set; }

    public DateTimeOffset RuledUtc { get; private set; }

    public string Reason { get; private set; }
}

/// <summary>How a place is named for precedents: an enclave wins over the grid, because the dispute is about the patch.</summary>
public static class PlaceKeys
{
    public static string For(string? gridCode, string? enclaveId) =>
        enclaveId is not null ? "enclave:" + enclaveId
        : gridCode is not null ? "grid:" + gridCode
        : "outside";
}
