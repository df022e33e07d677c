using Dashboard.Core.City;
using Dashboard.Core.Storage;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;

// The standalone ingest worker: the same feed endpoints the Dashboard hosts, for running ingest on other machines.
var builder = WebApplication.CreateBuilder(args);
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
