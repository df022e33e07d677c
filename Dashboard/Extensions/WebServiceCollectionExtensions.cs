using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dashboard.City;
using Dashboard.Components;
using Dashboard.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Localization;

namespace Dashboard.Extensions;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The web shell: Razor components rendered on the server only (no interactive render modes, see
    /// docs/decisions/0001), UI localization (zh-CN default, English), problem details, health checks.
    /// </summary>
    public static IServiceCollection AddDashboardWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        // Chinese text stays readable (and a third the size) in the HTML instead of &#x...; entities.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddResponseCompression(options =>
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, CityEndpoints.GeoJsonContentType]);
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<Health.StoreHealthCheck>("store");
        services.AddSingleton<IStringLocalizer<UiText>, UiTextLocalizer>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<MapOptions>().Bind(configuration.GetSection(MapOptions.SectionName));
        return services;
    }

    /// <summary>Middleware in the order the shell needs it; endpoints are mapped by the caller.</summary>
    public static WebApplication UseDashboardWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseResponseCompression();
        app.UseRequestLocalization(UiCultures.CreateOptions());
        app.UseCultureCookie();
        app.UseAntiforgery();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = Health.HealthReportJson.WriteAsync });
        return app;
    }

    /// <summary>Static assets (client bundle, CSS) and the Razor component pages.</summary>
    public static WebApplication MapDashboardPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
