using Dashboard.Core.Storage;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;
using Microsoft.Extensions.Configuration.Memory;

// The standalone ingest worker: the same feed endpoints the Dashboard hosts, for running ingest on other machines.
var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsDevelopment())
{
    // The demo run plays a gentle city day unless told otherwise (--Simulator:Enabled=false, --Simulator:EventsPerSecond=200).
    // `dotnet run --project Dashboard.Ingest` starts in the project folder; the city assets live at the repository root.
    var repositoryAssets = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, "..", "assets"));
    builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
    {
        InitialData = new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:EventsPerSecond"] = "2",
            ["Store:AssetsPath"] = Directory.Exists(repositoryAssets) ? repositoryAssets : "assets",
        },
    });
}

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddIngest(builder.Configuration);

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapFeeds();
await app.RunAsync();
