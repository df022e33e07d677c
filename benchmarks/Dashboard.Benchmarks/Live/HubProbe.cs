using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.Benchmarks.Live;

/// <summary>One new incident as a probe saw it arrive: its case number, whether it was critical, and when the frame arrived.</summary>
internal readonly record struct ProbeArrival(string Number, bool Critical, long ReceivedTicks, DateTimeOffset ServerAt);

/// <summary>
/// A lean subscriber of <c>/hubs/live</c> for load runs: SignalR's JSON protocol over a raw WebSocket (handshake,
/// <c>Subscribe</c>, pings), reading every <c>batch</c> with a forward-only <see cref="Utf8JsonReader"/> that skips
/// each delta's data. A full client (JsonDocument per message, as the test client does) would spend more CPU than
/// the server on this 2-core machine and measure itself. Every frame is stamped once, when its last byte arrived.
/// </summary>
internal sealed class HubProbe : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly Action<HubProbe, ProbeArrival> _onArrival;
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _buffer = new byte[256 * 1024];
    private int _held;
    private int _pendingConsumed;
    private Task _receive = Task.CompletedTask;
    private Task _ping = Task.CompletedTask;

    private HubProbe(int id, Action<HubProbe, ProbeArrival> onArrival)
    {
        Id = id;
        _onArrival = onArrival;
    }

    public int Id { get; }

    public long Batches { get; private set; }

    public long Resyncs { get; private set; }

    /// <summary>Set when the server closed the connection or it failed before the probe was disposed.</summary>
    public string? Dropped { get; private set; }

    public static async Task<HubProbe> ConnectAsync(int id, Uri baseAddress, string scope, Action<HubProbe, ProbeArrival> onArrival, CancellationToken cancellationToken)
    {
        var probe = new HubProbe(id, onArrival);
        var url = new UriBuilder(new Uri(baseAddress, "hubs/live")) { Scheme = "ws" }.Uri;
        await probe._socket.ConnectAsync(url, cancellationToken);
        await probe.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e", cancellationToken);
        var handshake = await probe.ReadRecordAsync(cancellationToken);
        if (handshake is null || handshake.Value.Span.IndexOf("error"u8) >= 0)
        {
            throw new InvalidOperationException("The hub refused the SignalR handshake.");
        }

        // lastSeq null: the probe needs no catch-up, only the batches after it joined.
        await probe.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"{scope}\",null]}}\u001e", cancellationToken);
        while (await probe.ReadRecordAsync(cancellationToken) is { } record)
        {
            if (record.Span.IndexOf("\"type\":3"u8) >= 0)
            {
                if (record.Span.IndexOf("\"error\""u8) >= 0)
                {
                    throw new InvalidOperationException("Subscribe was refused: " + Encoding.UTF8.GetString(record.Span));
                }

                break;
            }
        }

        probe._receive = Task.Run(probe.ReceiveLoopAsync, CancellationToken.None);
        probe._ping = Task.Run(probe.PingLoopAsync, CancellationToken.None);
        return probe;
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var record = await ReadRecordAsync(_closing.Token);
                if (record is null)
                {
                    Dropped ??= "closed by the server";
                    return;
                }

                Dispatch(record.Value.Span, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or JsonException)
        {
            Dropped ??= ex.GetType().Name + ": " + ex.Message;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> record, long receivedTicks)
    {
        if (record.IndexOf("\"target\":\"batch\""u8) < 0)
        {
            if (record.IndexOf("\"target\":\"resync\""u8) >= 0)
            {
                Resyncs++;
            }
            else if (record.IndexOf("\"type\":7"u8) >= 0)
            {
                Dropped ??= "server sent close: " + Encoding.UTF8.GetString(record);
            }

            return;
        }

        Batches++;
        var reader = new Utf8JsonReader(record);
        // Reader depths: a delta object opens at 4 and its properties sit at 5 (message → arguments → batch → deltas).
        string? kind = null;
        string? number = null;
        var critical = false;
        var at = default(DateTimeOffset);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 5)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("kind"u8))
                {
                    kind = reader.GetString();
                }
                else if (name.SequenceEqual("entityId"u8))
                {
                    number = reader.GetString();
                }
                else if (name.SequenceEqual("critical"u8))
                {
                    critical = reader.GetBoolean();
                }
                else if (name.SequenceEqual("at"u8))
                {
                    at = reader.GetDateTimeOffset();
                }
            }
            else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 4)
            {
                // Only the report that created the incident: later changes of the same case are not new events.
                if (kind == "incident.report" && number is not null)
                {
                    _onArrival(this, new ProbeArrival(number, critical, receivedTicks, at));
                }

                kind = null;
                number = null;
                critical = false;
            }
        }
    }

    /// <summary>The next record without its separator, or null when the socket closed. Valid until the next call.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var consumed = _pendingConsumed;
        if (consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _held - consumed);
            _held -= consumed;
            _pendingConsumed = 0;
        }

        var searched = 0;
        while (true)
        {
            var found = _buffer.AsSpan(searched, _held - searched).IndexOf(RecordSeparator);
            if (found >= 0)
            {
                var end = searched + found;
                _pendingConsumed = end + 1;
                return new ReadOnlyMemory<byte>(_buffer, 0, end);
            }

            searched = _held;
            if (_held == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(new Memory<byte>(_buffer, _held, _buffer.Length - _held), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _held += result.Count;
        }
    }


    private async Task PingLoopAsync()
    {
        // The server drops a client it has not heard from for 30 s (ClientTimeoutInterval).
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                await SendAsync(Ping, _closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private Task SendAsync(string text, CancellationToken cancellationToken) => SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    private async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _socket.Abort();
        await Task.WhenAll(_receive, _ping);
        _socket.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
    }
}
