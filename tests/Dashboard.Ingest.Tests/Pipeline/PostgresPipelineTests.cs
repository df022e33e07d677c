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

    [PostgresFact]
    public async Task Two_ingest_workers_on_one_database_never_hand_out_the_same_incident_number()
    {
        var connectionString = await postgres.CreateDatabaseAsync("ingest_two_workers");
        await using var first = await IngestHost.StartAsync(postgresConnectionString: connectionString);
        await using var second = await IngestHost.StartAsync(postgresConnectionString: connectionString);
        const int PerWorker = 60;

        // Each order lies ~90 m from the next, beyond the duplicate radius, so every one opens its own incident;
        // several senders per worker keep both writers committing batches at the same time.
        static IEnumerable<string> OrdersFor(int worker) => Enumerable.Range(0, PerWorker).Select(i =>
            Orders.Hotline($"44060420250305{worker}{i:D4}", "0301", 113.08 + (worker * 0.04), 22.99 + (i * 0.0008)));
        async Task<List<Answer>> SendAsync(IngestHost host, int worker) =>
            [.. (await Task.WhenAll(OrdersFor(worker).Chunk(PerWorker / 6).Select(async chunk =>
            {
                var answers = new List<Answer>();
                foreach (var order in chunk)
                {
                    answers.Add(await host.Client.PostJsonAsync("/api/feeds/hotline", order));
                }

                return answers;
            }))).SelectMany(a => a)];

        var answers = (await Task.WhenAll(SendAsync(first, 1), SendAsync(second, 2))).SelectMany(a => a).ToList();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Equal("Created", a.OutcomeOf()));
        var numbers = answers.Select(a => a.IncidentOf()).ToList();
        Assert.Equal(2 * PerWorker, numbers.Distinct().Count());
        // Allocated from one counter in committed transactions: the day's numbers run 1..N without a gap.
        var day = numbers[0][..10];
        Assert.Equal(Enumerable.Range(1, 2 * PerWorker), numbers.Select(n => int.Parse(n[10..], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.All(numbers, n => Assert.StartsWith(day, n, StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal((long)(2 * PerWorker), await ScalarAsync(connection, "SELECT count(DISTINCT number) FROM incidents"));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
