using Dashboard.City;
using Dashboard.Core.Storage;
using Dashboard.Extensions;
using Dashboard.Ingest.Apis;
using Dashboard.Live;
using Dashboard.Wall;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddDashboardWeb(builder.Configuration);
builder.Services.AddCityQuery();
builder.Services.AddLive();
builder.Services.AddHostedIngest(builder.Configuration, builder.Environment);
builder.Services.AddWall(builder.Configuration);

var app = builder.Build();

app.UseDashboardWeb();
app.MapCityEndpoints();
app.MapLive();
app.MapFeeds();
app.MapWall();
app.MapDashboardPages();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory can reach it from tests.</summary>
public partial class Program;
