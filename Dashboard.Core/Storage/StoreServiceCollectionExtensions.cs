using Dashboard.Core.Live;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the city store for the provider named in configuration (<c>Store:Provider</c>):
    /// a pooled <see cref="IDbContextFactory{CityDbContext}"/>, its options, and the start-up that migrates,
    /// seeds an empty store and loads the city into <see cref="Seeding.ReferenceData"/>.
    /// Every context notifies <see cref="IChangeLogSignal"/> after it commits, so the live path reads new
    /// change-log rows at once instead of at its next poll.
    /// </summary>
    public static IServiceCollection AddCityStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<ChangeLogSignal>();
        services.TryAddSingleton<IChangeLogSignal>(sp => sp.GetRequiredService<ChangeLogSignal>());
        services.TryAddSingleton<ChangeLogCommitNotifier>();

        var options = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        switch (options.Provider)
        {
            case StoreProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteCityDbContext>((sp, builder) =>
                {
                    ConfigureSqlite(builder, options.ConnectionString);
                    builder.AddInterceptors(sp.GetRequiredService<ChangeLogCommitNotifier>());
                });
                services.AddSingleton<IDbContextFactory<CityDbContext>>(sp =>
                    new CityDbContextFactory<SqliteCityDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteCityDbContext>>()));
                break;
            case StoreProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresCityDbContext>((sp, builder) =>
                {
                    ConfigurePostgres(builder, options.ConnectionString);
                    builder.AddInterceptors(sp.GetRequiredService<ChangeLogCommitNotifier>());
                });
                services.AddSingleton<IDbContextFactory<CityDbContext>>(sp =>
                    new CityDbContextFactory<PostgresCityDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresCityDbContext>>()));
                break;
            default:
                throw new OptionsValidationException(StoreOptions.SectionName, typeof(StoreOptions), [$"Store:Provider '{options.Provider}' is not supported; use Sqlite or Postgres."]);
        }

        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<Seeding.ReferenceData>();
        services.AddSingleton<Seeding.StoreInitializer>();
        services.AddHostedService<Seeding.StoreStartup>();

        // The city, catalog and calendar as loaded from the store. Resolving one before the host has
        // started (a hosted service's constructor) brings the store up first, once.
        services.AddSingleton(sp => Loaded(sp).City);
        services.AddSingleton(sp => sp.GetRequiredService<City.CityAssets>().City);
        services.AddSingleton(sp => sp.GetRequiredService<City.CityAssets>().Grids);
        services.AddSingleton(sp => sp.GetRequiredService<City.CityAssets>().Devices);
        services.AddSingleton(sp => Loaded(sp).Catalog);
        services.AddSingleton(sp => Loaded(sp).Calendar);
        return services;
    }

    private static Seeding.ReferenceData Loaded(IServiceProvider services)
    {
        // Start-up only: DI factories are synchronous, and there is no synchronization context to deadlock on.
        services.GetRequiredService<Seeding.StoreInitializer>().EnsureInitializedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return services.GetRequiredService<Seeding.ReferenceData>();
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseSqlite(connectionString)
            .AddInterceptors(SqlitePragmas.Instance)
            .ConfigureWarnings(IgnoreSnapshotlessMigrations);
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString)
            .ConfigureWarnings(IgnoreSnapshotlessMigrations);
    }

    /// <summary>
    /// Hand-written migrations carry no model snapshot, so EF would always report "pending model changes".
    /// The schema-equals-model tests (tests/Dashboard.Core.Tests/Storage) take that job instead.
    /// </summary>
    private static void IgnoreSnapshotlessMigrations(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>Builds a SQLite connection string for a file, with the shared-cache and timeout settings the store expects.</summary>
    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();

    private sealed class CityDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CityDbContext>
        where TContext : CityDbContext
    {
        public CityDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CityDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
