using Dashboard.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Live;

/// <summary>
/// On PostgreSQL, turns <c>NOTIFY citybrain_changes</c> (sent by a statement trigger on <c>change_log</c>, see the
/// ChangeLogNotify migration) into <see cref="ChangeLogSignal.Notify"/>, so a change committed by another node or
/// an ingest worker reaches this node's subscribers without waiting for the poll. Keeps one dedicated connection,
/// reconnects after failures, and wakes the tailer after each (re)connect in case notifications were missed.
/// Does nothing on SQLite.
/// </summary>
public sealed class PostgresChangeListener(
    IOptions<StoreOptions> store,
    ChangeLogSignal signal,
    TimeProvider time,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public const string Channel = "citybrain_changes";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Value.Provider != StoreProvider.Postgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "LISTEN {Channel} failed; reconnecting in {Delay}", Channel, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(store.Value.ConnectionString)
        {
            // A listening connection must not be handed back to a pool, and keepalives detect a dead server.
            Pooling = false,
            KeepAlive = 15,
        };
        await using var connection = new NpgsqlConnection(builder.ToString());
        connection.Notification += (_, _) => signal.Notify();
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        logger.LogInformation("Listening for change-log notifications on {Channel}", Channel);
        signal.Notify();
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}
