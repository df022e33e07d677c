using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Dashboard.TestSupport.SignalR;

/// <summary>A server-to-client invocation received by <see cref="SignalRJsonClient"/>.</summary>
public sealed record SignalRMessage(string Target, IReadOnlyList<JsonElement> Arguments);

/// <summary>A hub method that answered with an error; <see cref="Exception.Message"/> is the server's text.</summary>
public sealed class SignalRInvocationException(string message) : Exception(message);

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (the .NET client package does not
/// restore here): handshake, invocations with completions, server invocations, pings. Reading can be paused to
/// play a browser that cannot keep up.
/// </summary>
public sealed class SignalRJsonClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly Channel<SignalRMessage> _messages = Channel.CreateUnbounded<SignalRMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly MemoryStream _incoming = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private TaskCompletionSource _readGate = Opened();
    private Task _receiveLoop = Task.CompletedTask;
    private Task _pingLoop = Task.CompletedTask;
    private int _invocationId;

    private SignalRJsonClient(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Connects straight over WebSockets (no negotiate, as the JS client's skipNegotiation) and completes the handshake.</summary>
    public static async Task<SignalRJsonClient> ConnectAsync(Uri hubUrl, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        var wsUrl = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(wsUrl, cancellationToken);
        var client = new SignalRJsonClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        var handshake = await client.ReadRecordAsync(cancellationToken)
            ?? throw new InvalidOperationException("The server closed the connection during the SignalR handshake.");
        using (var document = JsonDocument.Parse(handshake))
        {
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("SignalR handshake refused: " + error.GetString());
            }
        }

        client._receiveLoop = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        client._pingLoop = Task.Run(client.PingLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Server invocations in arrival order.</summary>
    public ChannelReader<SignalRMessage> Messages => _messages.Reader;

    /// <summary>Calls a hub method and returns its result; throws <see cref="SignalRInvocationException"/> with the server's error.</summary>
    public async Task<JsonElement> InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments });
        await SendRawAsync(message, cancellationToken);
        return await completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for the next server invocation of <paramref name="target"/>, skipping others; throws TimeoutException.</summary>
    public async Task<JsonElement> NextAsync(string target, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(cancel.Token);
                if (message.Target == target)
                {
                    return message.Arguments.Count > 0 ? message.Arguments[0] : default;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{target}' message within {timeout}.");
        }
    }

    /// <summary>Stops reading from the socket: the server's sends back up as they would for a stalled browser.</summary>
    public void PauseReading() => Interlocked.Exchange(ref _readGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void ResumeReading() => Volatile.Read(ref _readGate).TrySetResult();

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                await Volatile.Read(ref _readGate).Task.WaitAsync(_closing.Token);
                var record = await ReadRecordAsync(_closing.Token);
                if (record is null)
                {
                    break;
                }

                Dispatch(record);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed by us or by the server; waiting callers see the channel complete.
        }
        finally
        {
            _messages.Writer.TryComplete();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The connection closed before the hub answered."));
            }
        }
    }

    private void Dispatch(string record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var arguments = root.TryGetProperty("arguments", out var args) ? args.EnumerateArray().Select(a => a.Clone()).ToList() : [];
                _messages.Writer.TryWrite(new SignalRMessage(root.GetProperty("target").GetString()!, arguments));
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new SignalRInvocationException(error.GetString() ?? "error"));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }

                break;
            case 7:
                _messages.Writer.TryComplete();
                break;
        }
    }

    /// <summary>Reads one record (up to the 0x1E separator), or null when the socket closed.</summary>
    /// <remarks>0x1E never occurs inside a UTF-8 multi-byte sequence, so records are split on bytes.</remarks>
    private async Task<string?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var held = _incoming.GetBuffer().AsSpan(0, (int)_incoming.Length);
            var end = held.IndexOf((byte)RecordSeparator);
            if (end >= 0)
            {
                var record = Encoding.UTF8.GetString(held[..end]);
                var rest = held[(end + 1)..].ToArray();
                _incoming.SetLength(0);
                _incoming.Write(rest);
                return record;
            }

            var result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _incoming.Write(_buffer, 0, result.Count);
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                await Task.Delay(PingInterval, _closing.Token);
                await SendRawAsync("{\"type\":6}", _closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is going away.
        }
    }

    private async Task SendRawAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
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

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        ResumeReading();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Best effort: the server notices the dead socket on its own.
            }
        }

        _socket.Abort();
        await Task.WhenAll(_receiveLoop, _pingLoop);
        _socket.Dispose();
        _sendLock.Dispose();
        _closing.Dispose();
    }
}
