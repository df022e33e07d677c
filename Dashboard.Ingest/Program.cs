using Dashboard.Core.City;
using Dashboard.Core.Storage;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;
using Microsoft.Extensions.Configuration.Memory;

// The standalone ingest worker: the same feed endpoints the Dashboard hosts, for running ingest on other machines.
var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsDevelopment())
{
    // The demo run plays a gentle city day unless told otherwise (--Simulator:Enabled=false, --Simulator:EventsPerSecond=200).
    builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
    {
        InitialData = new Dictionary<string, string?> { ["Simulator:Enabled"] = "true", ["Simulator:EventsPerSecond"] = "2" },
    });
}

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddCityModel(Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Store:AssetsPath"] ?? "assets"));
builder.Services.AddIngest(builder.Configuration);

var app = builder.Build();
if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StoreOptions>>().Value.MigrateOnStart)
{
    await app.Services.GetRequiredService<StoreMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
}

app.MapGet("/health", () => "ok");
app.MapFeeds();
await app.RunAsync();
