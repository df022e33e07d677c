using Dashboard.City;
using Dashboard.Director;
using Dashboard.Core.Storage;
using Dashboard.Extensions;
using Dashboard.Live;
using Dashboard.People;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddDashboardWeb(builder.Configuration);
builder.Services.AddCityQuery();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddDirectorWorkspace();
builder.Services.AddLive();

var app = builder.Build();

app.UseDashboardWeb();
app.MapCityEndpoints();
app.MapLive();
app.MapAccount();
app.MapDirectorWorkspace();
app.MapDashboardPages();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory can reach it from tests.</summary>
public partial class Program;
