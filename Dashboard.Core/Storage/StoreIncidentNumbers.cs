using System.Data.Common;
using System.Globalization;
using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Storage;

/// <summary>
/// Case numbers (SJ + local day + sequence) allocated from the store's per-day counter row
/// (<see cref="IncidentNumberDay"/>), in the caller's transaction. Safe with several processes on one PostgreSQL:
/// the counter row is updated, not read and counted on in memory, so two ingest workers (or a worker and the
/// heartbeat job) can never hand out the same number; the second waits for the first's commit. On SQLite the
/// single writer makes the same statements trivially safe.
/// </summary>
/// <remarks>
/// The first number of a day seeds the row from the highest number already stored for that day, so a store whose
/// incidents were numbered before the counter existed (or imported) continues after them instead of colliding.
/// </remarks>
public static class StoreIncidentNumbers
{
    public static readonly TimeZoneInfo SiteZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The next case number for the local day of <paramref name="nowUtc"/>; must run inside a transaction.</summary>
    public static async Task<string> NextAsync(CityDbContext db, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nowUtc, SiteZone).DateTime);
        return IncidentNumbers.Format(day, await NextSequenceAsync(db, day, cancellationToken));
    }

    public static async Task<int> NextSequenceAsync(CityDbContext db, DateOnly localDay, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Incident numbers are allocated inside the transaction that stores the incident; begin one first.");
        var key = (localDay.Year * 10_000) + (localDay.Month * 100) + localDay.Day;

        var next = await ScalarAsync(transaction,
            "UPDATE incident_number_days SET last_sequence = last_sequence + 1 WHERE day = @day RETURNING last_sequence",
            key, null, cancellationToken);
        if (next is { } counted)
        {
            return counted;
        }

        var prefix = IncidentNumbers.Prefix + localDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stored = await db.Set<Incident>().Where(i => i.Number.StartsWith(prefix)).Select(i => i.Number).ToListAsync(cancellationToken);
        var seed = stored.Count == 0 ? 0 : stored.Max(n => int.Parse(n.AsSpan(prefix.Length), CultureInfo.InvariantCulture));

        // Another process may create the row between the UPDATE and here: the conflict clause then counts on from its value.
        return await ScalarAsync(transaction,
            "INSERT INTO incident_number_days (day, last_sequence) VALUES (@day, @first) "
            + "ON CONFLICT (day) DO UPDATE SET last_sequence = incident_number_days.last_sequence + 1 RETURNING last_sequence",
            key, seed + 1, cancellationToken)
            ?? throw new InvalidOperationException($"The incident number counter for {localDay:yyyy-MM-dd} returned no row.");
    }

    private static async Task<int?> ScalarAsync(DbTransaction transaction, string sql, int day, int? first, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        AddParameter(command, "@day", day);
        if (first is { } value)
        {
            AddParameter(command, "@first", value);
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : Convert.ToInt32(result, CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
