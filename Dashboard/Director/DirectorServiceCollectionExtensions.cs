using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Director;

public static class DirectorServiceCollectionExtensions
{
    /// <summary>
    /// The street director's workspace: queue and detail reads, the action service over <see cref="IncidentWorkflow"/>
    /// (registered here unless something else already did, with the catalog's dispatch rules and no local overrides).
    /// Needs <c>AddCityStore</c> and <c>AddPeople</c>.
    /// </summary>
    public static IServiceCollection AddDirectorWorkspace(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DispatchRules(sp.GetRequiredService<InspectionCatalog>()));
        services.TryAddSingleton(sp => new IncidentWorkflow(
            sp.GetRequiredService<InspectionCatalog>(), sp.GetRequiredService<WorkingCalendar>(),
            sp.GetRequiredService<DispatchRules>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<WorkspaceText>, WorkspaceTextLocalizer>();
        services.AddSingleton<WorkspaceQueries>();
        services.AddSingleton<IncidentActions>();
        return services;
    }
}
