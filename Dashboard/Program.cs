using Dashboard.City;
using Dashboard.Core.Storage;
using Dashboard.Director;
using Dashboard.Extensions;
using Dashboard.Ingest;
using Dashboard.Ingest.Apis;
using Dashboard.Jobs;
using Dashboard.Live;
using Dashboard.People;
using Dashboard.People.Admin;
using Dashboard.Reports;
using Dashboard.Triage;
using Dashboard.Wall;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCityStore(builder.Configuration);
builder.Services.AddDashboardWeb(builder.Configuration);
builder.Services.AddCityQuery();
builder.Services.AddIngest(builder.Configuration);
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddDirectorWorkspace();
builder.Services.AddLive();
builder.Services.AddWall(builder.Configuration);
builder.Services.AddTriage(builder.Configuration);
builder.Services.AddScheduledJobs(builder.Configuration);
builder.Services.AddReports();

var app = builder.Build();

app.UseDashboardWeb();
app.MapCityEndpoints();
app.MapFeeds();
app.MapAccount();
app.MapUserAdministration();
app.MapDirectorWorkspace();
app.MapLive();
app.MapWall();
app.MapTriage();
app.MapReports();
app.MapDashboardPages();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory can reach it from tests.</summary>
public partial class Program;
