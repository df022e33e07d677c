using Dashboard.City;
using Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDashboardWeb(builder.Configuration);
builder.Services.AddCityQuery(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

app.UseDashboardWeb();
app.MapCityEndpoints();
app.MapDashboardPages();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory can reach it from tests.</summary>
public partial class Program;
