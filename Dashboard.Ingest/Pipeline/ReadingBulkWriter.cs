using System.Data.Common;
using Dashboard.Core.Storage;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Ingest.Pipeline;

/// <summary>
/// Inserts sensor readings inside the batch's open transaction, many rows per round trip, skipping
/// readings already stored (the unique (device, quantity, observed at) index makes redelivery a no-op).
/// SQLite: one prepared INSERT OR IGNORE reused for every row (no change tracking, no per-row SQL text).
/// PostgreSQL: binary COPY into a temporary table, then one INSERT ... ON CONFLICT DO NOTHING.
/// </summary>
public static class ReadingBulkWriter
{
    public static async Task<int> InsertAsync(CityDbContext db, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
    {
        if (readings.Count == 0)
        {
            return 0;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Readings are written inside the batch transaction.");
        var connection = db.Database.GetDbConnection();
        return db.IsPostgres
            ? await CopyIntoPostgresAsync((NpgsqlConnection)connection, readings, cancellationToken)
            : await InsertIntoSqliteAsync(connection, transaction, readings, cancellationToken);
    }

    private static async Task<int> InsertIntoSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO sensor_readings (device_id, quantity, value, observed_at_utc) VALUES ($d, $q, $v, $t)";
        var device = Parameter(command, "$d");
        var quantity = Parameter(command, "$q");
        var value = Parameter(command, "$v");
        var observed = Parameter(command, "$t");
        await command.PrepareAsync(cancellationToken);
        var inserted = 0;
        foreach (var reading in readings)
        {
            device.Value = reading.DeviceId;
            quantity.Value = reading.Quantity;
            value.Value = reading.Value;
            observed.Value = reading.ObservedAtUtc.UtcTicks;
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }

    private static async Task<int> CopyIntoPostgresAsync(NpgsqlConnection connection, IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS sensor_readings_incoming (device_id varchar(64), quantity varchar(32), value double precision, observed_at_utc timestamptz) ON COMMIT DELETE ROWS",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY sensor_readings_incoming (device_id, quantity, value, observed_at_utc) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var reading in readings)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(reading.DeviceId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(reading.Quantity, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(reading.Value, NpgsqlDbType.Double, cancellationToken);
                await importer.WriteAsync(reading.ObservedAtUtc.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO sensor_readings (device_id, quantity, value, observed_at_utc) SELECT device_id, quantity, value, observed_at_utc FROM sensor_readings_incoming ON CONFLICT DO NOTHING; TRUNCATE sensor_readings_incoming",
            connection);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
