using System.Net;
using Dashboard.TestSupport;
using Dashboard.TestSupport.Postgres;
using Npgsql;

namespace Dashboard.Ingest.Tests.Pipeline;

[CollectionDefinition(Name)]
public sealed class IngestPostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "Ingest on PostgreSQL";
}

/// <summary>The production store: the same pipeline persists incidents, reports, the change log and readings (binary COPY).</summary>
[Collection(IngestPostgresCollection.Name)]
public sealed class PostgresPipelineTests(PostgresClusterFixture postgres)
{
    [PostgresFact]
    public async Task The_pipeline_persists_incidents_readings_and_change_log_rows_into_postgres()
    {
        var connectionString = await postgres.CreateDatabaseAsync("ingest");
        await using var host = await IngestHost.StartAsync(postgresConnectionString: connectionString);
        var sensor = TestCity.Chancheng.Devices.Sensors.First(s => s.Kind == Core.Registry.SensorKind.ManholeCover);

        var order = await host.Client.PostAsync("/api/feeds/hotline", Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json"), "application/json");
        var again = await host.Client.PostAsync("/api/feeds/hotline", Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json"), "application/json");
        var batch = await host.Client.PostAsync("/api/feeds/iot/telemetry", Fixture.Bytes("Telemetry", "chancheng_batch_100.json"), "application/json");
        var tilt = await host.Client.PostJsonAsync("/api/feeds/iot/telemetry",
            $$$"""{"deviceId":"{{{sensor.Id}}}","kind":"manhole","observedAt":"2025-03-05T08:01:00+08:00","readings":{"tiltDeg":30}}""");

        Assert.Equal(HttpStatusCode.OK, order.Status);
        Assert.Equal("Unchanged", again.OutcomeOf());
        Assert.Equal(100, batch.Json.GetProperty("readingsStored").GetInt32());
        Assert.Equal("Created", tilt.OutcomeOf());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(101L, await ScalarAsync(connection, "SELECT count(*) FROM sensor_readings"));
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM incidents"));
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM change_log WHERE kind = 'incident.report'"));
        var incident = await host.Client.GetJsonAsync($"/api/incidents/{order.IncidentOf()}");
        Assert.Equal(TestCatalog.ManholeMissing, incident.Str("itemCode"));
        Assert.Equal(TestCity.Shiwan.Value, incident.Json.GetProperty("place").GetProperty("street").GetString());
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
