using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.Live;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// Joint triage (联合研判): the flag rules and candidate owners over the loaded city and catalog, rooms, guest
    /// links, the room pages' strings, and <see cref="RoomScopeAuthorizer"/> around the live hub's scope rule so only a
    /// room's people follow <c>room:…</c>. Options from the <c>Triage</c> section. Call after <c>AddLive()</c> and
    /// <c>AddWall()</c>.
    /// </summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new TriageRules(sp.GetRequiredService<CityAssets>(), sp.GetRequiredService<InspectionCatalog>(), sp.GetRequiredService<IOptions<TriageOptions>>().Value));
        services.AddSingleton(sp => new CandidateOwners(sp.GetRequiredService<CityAssets>(), sp.GetRequiredService<InspectionCatalog>()));
        services.AddSingleton<TriageGuests>();
        services.AddSingleton<TriageQueries>();
        services.AddSingleton<TriageRooms>();
        services.AddSingleton<IStringLocalizer<TriageText>, TriageTextLocalizer>();
        services.AddSingleton<Components.Triage.TriageNames>();

        var existing = services.LastOrDefault(d => d.ServiceType == typeof(ILiveScopeAuthorizer))
            ?? throw new InvalidOperationException("AddTriage() needs AddLive() first: it wraps the live hub's ILiveScopeAuthorizer.");
        services.Remove(existing);
        services.AddSingleton<ILiveScopeAuthorizer>(sp => new RoomScopeAuthorizer(
            Resolve(sp, existing), sp.GetRequiredService<IDbContextFactory<CityDbContext>>(), sp.GetRequiredService<InspectionCatalog>(),
            sp.GetRequiredService<TriageGuests>(), sp.GetRequiredService<RefusalAudit>()));
        return services;
    }

    private static ILiveScopeAuthorizer Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILiveScopeAuthorizer)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
