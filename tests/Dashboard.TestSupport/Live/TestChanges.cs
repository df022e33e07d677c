using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.TestSupport.Live;

/// <summary>Change-log rows for live-path tests, placed in the Chancheng hierarchy.</summary>
public static class TestChanges
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A change in a street (and optionally a community), as the store would write it.</summary>
    public static ChangeLogEntry InStreet(string street, string? community = null, string entityId = "inc-1", bool critical = false, string payload = "{\"status\":\"open\"}") =>
        new(At, "incident.created", "incident", entityId, new ChangeScope(street, community, community is null ? null : community + "001"), payload, critical);

    /// <summary>A district-level fact: no street, community or grid.</summary>
    public static ChangeLogEntry DistrictWide(string entityId = "kpi-1") =>
        new(At, "kpi.updated", "kpi", entityId, ChangeScope.District, "{\"value\":1}");

    public static ChangeLogEntry InRoom(string roomId) =>
        new(At, "room.message", LiveScope.RoomEntityType, roomId, ChangeScope.District, "{\"text\":\"hi\"}");

    /// <summary>Gives an unsaved entry the sequence the store would assign (for tests that never touch a store).</summary>
    public static ChangeLogEntry WithSequence(this ChangeLogEntry entry, long sequence)
    {
        ArgumentNullException.ThrowIfNull(entry);
        typeof(ChangeLogEntry).GetProperty(nameof(ChangeLogEntry.Sequence))!.SetValue(entry, sequence);
        return entry;
    }

    /// <summary>Appends entries in one transaction through a fresh context and returns their sequences.</summary>
    public static async Task<IReadOnlyList<long>> AppendAsync(IDbContextFactory<CityDbContext> contexts, params ChangeLogEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync();
        db.ChangeLog.AddRange(entries);
        await db.SaveChangesAsync();
        return entries.Select(e => e.Sequence).ToList();
    }
}
