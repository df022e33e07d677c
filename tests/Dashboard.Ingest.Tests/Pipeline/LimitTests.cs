using System.Net;
using Dashboard.Ingest.Normalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>What a sender sees when it sends too much, too fast, or without a key the deployment configured.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var host = await IngestHost.StartAsync(new() { ["Ingest:MaxBodyBytes"] = "2048" });
        var body = new byte[3000];

        var answer = await host.Client.PostAsync("/api/feeds/cap", body, "application/cap+xml");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("body", answer.Str("field"));
    }

    [Fact]
    public async Task A_full_pipeline_answers_503_with_retry_after_and_stores_nothing_of_that_request()
    {
        await using var host = await IngestHost.StartAsync(new() { ["Ingest:ChannelCapacity"] = "1", ["Ingest:RetryAfterSeconds"] = "7" });

        // A stalled store: another writer holds SQLite's write lock, so the batch writer waits and the queue fills.
        await using var blocker = new SqliteConnection($"Data Source={host.SqlitePath}");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var inWriter = host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500960", "0301", 113.12, 23.02));
        await Task.Delay(500);
        var queued = host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500961", "0301", 113.12, 23.03));
        await Task.Delay(500);
        var refused = await host.Client.PostJsonAsync("/api/feeds/hotline", Orders.Hotline("4406042025030500962", "0301", 113.12, 23.04));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Response.Headers.RetryAfter?.Delta);
        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await inWriter).Status);
        Assert.Equal(HttpStatusCode.OK, (await queued).Status);
        var refusedLookup = await host.Client.GetJsonAsync("/api/incidents/by-source/hotline12345/4406042025030500962");
        Assert.Equal(HttpStatusCode.NotFound, refusedLookup.Status);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429()
    {
        await using var host = await IngestHost.StartAsync(new() { ["Ingest:RequestsPerSecondPerKey"] = "1" });
        var order = Orders.Hotline("4406042025030500970", "0301", 113.12, 23.02);

        // All at once: the key's bucket holds two requests, and sent one after another on a loaded machine
        // each commit can take long enough for the bucket to refill in between.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => (await host.Client.PostJsonAsync("/api/feeds/hotline", order)).Status));

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.Contains(HttpStatusCode.OK, answers);
    }

    [Fact]
    public void Production_refuses_to_start_a_feed_without_a_key()
    {
        var options = new IngestOptions { DemoKeys = false };
        options.Feeds["Cap"] = new FeedOptions { ApiKey = "cap-secret" };

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Ingest:Feeds:Open311:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingest:Feeds:Cap:ApiKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_host_fails_at_start_without_keys_and_accepts_only_the_configured_key_with_them()
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => IngestHost.StartAsync(new() { ["Ingest:DemoKeys"] = "false" }));

        var keys = Enum.GetValues<FeedSource>().ToDictionary(s => $"Ingest:Feeds:{s}:ApiKey", s => (string?)$"{s}-secret");
        keys["Ingest:DemoKeys"] = "false";
        await using var host = await IngestHost.StartAsync(keys);
        using var demo = host.ClientWithKey(IngestOptions.DemoKey);
        using var cap = host.ClientWithKey("Cap-secret");
        var body = Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml");

        Assert.Equal(HttpStatusCode.Forbidden, (await demo.PostAsync("/api/feeds/cap", body, "application/xml")).Status);
        Assert.Equal(HttpStatusCode.OK, (await cap.PostAsync("/api/feeds/cap", body, "application/xml")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await cap.PostAsync("/api/feeds/hotline", Fixture.Bytes("Hotline12345", "chancheng_manhole_order_gcj02.json"), "application/json")).Status);
    }
}
