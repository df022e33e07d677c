using Dashboard.City;
using Dashboard.Core.Storage;
using Dashboard.Extensions;
using Dashboard.Live;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddDashboardWeb(builder.Configuration);
builder.Services.AddCityQuery();
builder.Services.AddLive();

var app = builder.Build();

app.UseDashboardWeb();
app.MapCityEndpoints();
app.MapLive();
app.MapDashboardPages();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory can reach it from tests.</summary>
public partial class Program;
