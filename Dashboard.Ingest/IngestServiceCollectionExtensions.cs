using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Registry;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Pipeline;
using Dashboard.Ingest.Quarantine;
using Dashboard.Ingest.Security;
using Dashboard.Ingest.Simulation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The ingest pipeline: options (validated at start), API keys, parsers, the bounded queue and its batch
    /// writer, quarantine, and the replay simulator. Needs the store (<c>AddCityStore</c>), which loads the catalog
    /// and the city at start: events are classified with its <see cref="InspectionCatalog"/> and located with its
    /// <see cref="GridIndex"/> and device registry.
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) => options.DemoKeys ??= environment.IsDevelopment())
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPlaceLocator>(sp => sp.GetService<GridIndex>() is { } grids
            ? new CityPlaceLocator(grids, sp.GetService<DeviceRegistry>())
            : new NoCityPlaceLocator());
        services.AddSingleton(sp => new IncidentClassifier(
            sp.GetRequiredService<InspectionCatalog>(),
            configuration[$"{IngestOptions.SectionName}:FallbackItemCode"]));
        services.AddSingleton(sp => new FeedParseOptions { MaxDocumentBytes = sp.GetRequiredService<IOptions<IngestOptions>>().Value.MaxBodyBytes });
        services.AddSingleton<FeedParsers>();
        services.AddSingleton(sp => new TelemetryParser(sp.GetRequiredService<FeedParseOptions>()));
        services.AddSingleton(sp => new GridReportParser(sp.GetRequiredService<FeedParseOptions>()));
        services.AddSingleton(new ThresholdEvaluator(
            configuration.GetSection($"{IngestOptions.SectionName}:Thresholds").Get<TelemetryThresholds>() ?? TelemetryThresholds.Default));
        services.AddSingleton<ApiKeyGate>();
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<QuarantineWriter>();
        services.AddSingleton<IncidentBatchWriter>();
        services.AddSingleton<FeedIntake>();
        services.AddHostedService<IngestWriterService>();
        services.AddSimulator(configuration);
        return services;
    }
}
