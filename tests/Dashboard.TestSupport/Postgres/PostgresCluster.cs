using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Dashboard.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed binaries (initdb + pg_ctl) on a free
/// loopback port in a temporary folder, removed on dispose. Tests that need it use
/// <see cref="PostgresFactAttribute"/>, which skips with a reason when the binaries are absent
/// (and fails instead when <c>REQUIRE_POSTGRES=1</c>, as CI sets).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _binDir;
    private readonly bool _runAsPostgresUser;

    private PostgresCluster(string root, string binDir, int port, bool runAsPostgresUser)
    {
        _root = root;
        _binDir = binDir;
        Port = port;
        _runAsPostgresUser = runAsPostgresUser;
    }

    public int Port { get; }

    /// <summary>Where initdb, pg_ctl and postgres were found, or null.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>Why the cluster cannot start here, or null when it can.</summary>
    public static string? UnavailableReason => BinDirectory is null
        ? "PostgreSQL server binaries (initdb, pg_ctl) were not found in PG_BIN, /usr/lib/postgresql/*/bin or PATH; install postgresql-15 (and postgresql-15-postgis-3) to run these tests."
        : null;

    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            IncludeErrorDetail = true,
        }.ToString();

    public static async Task<PostgresCluster> StartAsync()
    {
        if (BinDirectory is null)
        {
            throw new InvalidOperationException(UnavailableReason);
        }

        var root = Directory.CreateTempSubdirectory("citybrain-pg-").FullName;
        var runAsPostgres = Environment.UserName == "root";
        var cluster = new PostgresCluster(root, BinDirectory, FreePort(), runAsPostgres);
        await cluster.InitAndStartAsync();
        return cluster;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>True when the PostGIS extension can be created in this cluster.</summary>
    public async Task<bool> HasPostgisAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task InitAndStartAsync()
    {
        var data = Path.Combine(_root, "data");
        if (_runAsPostgresUser)
        {
            // initdb refuses to run as root; the Debian package's postgres user owns the folder instead.
            await RunAsync("/bin/chown", ["-R", "postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDir, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the next run uses a new one.
            }
        }
    }

    private Task RunAsync(string file, string[] args) => RunAsync(file, args, _runAsPostgresUser);

    private static async Task RunAsync(string file, string[] args, bool asPostgres)
    {
        var info = asPostgres
            ? new ProcessStartInfo("/usr/sbin/runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } fromEnv)
        {
            candidates.Add(fromEnv);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }
}
