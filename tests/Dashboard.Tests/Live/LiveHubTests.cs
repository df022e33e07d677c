using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.TestSupport.Live;
using Dashboard.TestSupport.SignalR;

namespace Dashboard.Tests.Live;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveServerCollection
{
    public const string Name = "Live servers";
}

/// <summary>The live hub over a real socket and a real SQLite store, as a browser would use it.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveHubTests : IAsyncLifetime
{
    private const string District = "district:440604";
    private const string Shiwan = "street:440604010";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"citybrain-live-{Guid.NewGuid():N}.db");
    private LiveTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiveTestServer.StartSqliteAsync(_path);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_subscriber_is_pushed_a_new_change_without_asking()
    {
        await using var client = await _server.ConnectAsync();
        var head = await SnapshotHeadAsync(District);
        var catchup = await client.InvokeAsync("Subscribe", [District, head]);
        Assert.Equal("deltas", catchup.Text("kind"));

        var written = await TestChanges.AppendAsync(_server.Contexts, TestChanges.InStreet("440604010"));

        var batch = await client.NextAsync("batch", TimeSpan.FromSeconds(15));
        Assert.Equal(District, batch.Text("scope"));
        Assert.Equal(written, batch.Seqs());
        Assert.Equal(head, batch.Long("after"));
    }

    [Fact]
    public async Task Subscribing_with_an_old_position_returns_the_missed_changes_of_the_scope_in_order()
    {
        var position = await SnapshotHeadAsync(District);
        var written = await TestChanges.AppendAsync(_server.Contexts,
            TestChanges.InStreet("440604010", entityId: "a"),
            TestChanges.InStreet("440604011", entityId: "elsewhere"),
            TestChanges.InStreet("440604010", entityId: "b"));
        await using var client = await _server.ConnectAsync(Shiwan);

        var catchup = await client.InvokeAsync("Subscribe", [Shiwan, position]);

        Assert.Equal("deltas", catchup.Text("kind"));
        Assert.Equal(position, catchup.Long("after"));
        Assert.Equal([written[0], written[2]], catchup.Seqs());
        Assert.Equal(written[2], catchup.Long("upTo"));
    }

    [Fact]
    public async Task Subscribing_without_a_position_asks_the_client_to_load_a_snapshot()
    {
        await using var client = await _server.ConnectAsync();

        var catchup = await client.InvokeAsync("Subscribe", [District, null]);

        Assert.Equal("snapshot", catchup.Text("kind"));
        Assert.Equal("no-position", catchup.GetProperty("snapshot").Text("reason"));
        Assert.Equal("/api/live/snapshot?scope=district%3A440604", catchup.GetProperty("snapshot").Text("url"));
    }

    [Fact]
    public async Task A_scope_subscriber_never_receives_a_change_of_another_street()
    {
        await using var client = await _server.ConnectAsync(Shiwan);
        await client.InvokeAsync("Subscribe", [Shiwan, await SnapshotHeadAsync(Shiwan)]);

        var neighbour = await TestChanges.AppendAsync(_server.Contexts, TestChanges.InStreet("440604011", entityId: "zhangcha"));
        var own = await TestChanges.AppendAsync(_server.Contexts, TestChanges.InStreet("440604010", entityId: "shiwan"));

        var batch = await client.NextAsync("batch", Patience);
        Assert.Equal(own, batch.Seqs());
        Assert.DoesNotContain(neighbour[0], batch.Seqs());
        Assert.False(client.Messages.TryRead(out _));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_refused_a_street_with_the_reason()
    {
        await using var client = await _server.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<SignalRInvocationException>(() => client.InvokeAsync("Subscribe", [Shiwan, 0]));

        Assert.Contains("Refused to follow street:440604010", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("sign in", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_street_director_is_refused_a_neighbouring_street()
    {
        await using var client = await _server.ConnectAsync(Shiwan);

        var refusal = await Assert.ThrowsAsync<SignalRInvocationException>(() => client.InvokeAsync("Subscribe", ["street:440604011", 0]));

        Assert.Contains("no scope that covers street:440604011", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_scope_is_refused_naming_the_problem()
    {
        await using var client = await _server.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<SignalRInvocationException>(() => client.InvokeAsync("Subscribe", ["street:4406", 0]));

        Assert.Contains("street code is 9 digits", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_snapshot_head_refuses_bad_and_forbidden_scopes_over_http()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUrl };

        var bad = await http.GetAsync(new Uri("/api/live/snapshot?scope=grid:1", UriKind.Relative));
        var forbidden = await http.GetAsync(new Uri("/api/live/snapshot?scope=street:440604010", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("scope", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Unsubscribing_stops_the_batches_of_that_scope()
    {
        await using var leaving = await _server.ConnectAsync();
        await using var witness = await _server.ConnectAsync();
        var head = await SnapshotHeadAsync(District);
        await leaving.InvokeAsync("Subscribe", [District, head]);
        await witness.InvokeAsync("Subscribe", [District, head]);

        await leaving.InvokeAsync("Unsubscribe", [District]);
        await TestChanges.AppendAsync(_server.Contexts, TestChanges.InStreet("440604010", critical: true));
        await witness.NextAsync("batch", Patience);
        await Task.Delay(200);

        Assert.False(leaving.Messages.TryRead(out _));
    }

    private async Task<long> SnapshotHeadAsync(string scope)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/live/snapshot?scope={Uri.EscapeDataString(scope)}", UriKind.Relative));
        request.Headers.Add(LiveTestServer.ScopesHeader, scope);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var head = await response.Content.ReadFromJsonAsync<JsonElement>();
        return head.Long("upTo");
    }
}
