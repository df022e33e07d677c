using Dashboard.Components;
using Dashboard.Ingest.Normalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Wall;

/// <summary>
/// The whole app with two display tokens configured (the district's and 石湾's) and a clock the test moves,
/// on its own throwaway SQLite store. Development by default, as the demo runs.
/// </summary>
public class WallFactory : WebApplicationFactory<App>
{
    public const string DistrictToken = "wall-test-district-token-0001";
    public const string StreetToken = "wall-test-shiwan-street-token-0002";
    public const string DistrictScope = "district:440604";
    public const string StreetScope = "street:440604010";

    /// <summary>Monday 2026-11-23 10:00 China time: mid-morning of a working day, far from the China-time midnight that starts "today".</summary>
    public static readonly DateTimeOffset Monday10China = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Where the clock starts: a week before <see cref="Monday10China"/>, so a test can leave a backlog behind and move on (a fake clock only goes forward).</summary>
    public static readonly DateTimeOffset WeekEarlier = Monday10China.AddDays(-7);

    public FakeTimeProvider Time { get; } = new(WeekEarlier);

    protected virtual string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), $"citybrain-wall-{Guid.NewGuid():N}.db")}");
        builder.UseSetting("Simulator:Enabled", "false");
        // The SLA watch would escalate the overdue backlog while a test compares counts; the jobs have their own tests.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Wall:DisplayTokens:0:Token", DistrictToken);
        builder.UseSetting("Wall:DisplayTokens:0:Scope", DistrictScope);
        builder.UseSetting("Wall:DisplayTokens:0:Name", "test district wall");
        builder.UseSetting("Wall:DisplayTokens:1:Token", StreetToken);
        builder.UseSetting("Wall:DisplayTokens:1:Scope", StreetScope);
        builder.UseSetting("Wall:DisplayTokens:1:Name", "test Shiwan wall");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    public HttpClient CreatePlainClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}

/// <summary>
/// A production run: no demo keys, no demo users, no local wall without a token. Production refuses to start
/// while a feed is on without its own key (IngestOptionsValidator), so every feed gets one here.
/// </summary>
public sealed class ProductionWallFactory : WallFactory
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var feed in Enum.GetNames<FeedSource>())
        {
            builder.UseSetting($"Ingest:Feeds:{feed}:ApiKey", $"production-test-key-{feed.ToLowerInvariant()}");
        }
    }
}
