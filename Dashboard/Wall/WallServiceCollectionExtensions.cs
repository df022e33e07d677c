using Dashboard.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Wall;

public static class WallServiceCollectionExtensions
{
    /// <summary>
    /// The command-hall wall: its snapshot query, the <c>Wall</c> options, the display-token sign-in (the default
    /// authentication scheme unless the app chose another) and <see cref="WallScopeAuthorizer"/> around the live
    /// hub's scope rule. Call after <c>AddLive()</c>.
    /// </summary>
    public static IServiceCollection AddWall(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WallOptions>()
            .Bind(configuration.GetSection(WallOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.DisplayTokens.All(t => t.Token.Length >= 24 && Core.Live.LiveScope.TryParse(t.Scope, out _, out _)),
                "Wall:DisplayTokens: every token needs at least 24 characters and a scope such as district:440604 or street:440604010.")
            .ValidateOnStart();
        services.TryAddSingleton<IWallStatsSource, LiveWallStatsSource>();
        services.TryAddSingleton<WallSnapshotQuery>();

        services.AddAuthentication(options => options.DefaultScheme ??= WallDisplayAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, WallDisplayAuthenticationHandler>(WallDisplayAuthenticationHandler.SchemeName, null);

        var existing = services.LastOrDefault(d => d.ServiceType == typeof(ILiveScopeAuthorizer))
            ?? throw new InvalidOperationException("AddWall() needs AddLive() first: it wraps the live hub's ILiveScopeAuthorizer.");
        services.Remove(existing);
        services.AddSingleton<ILiveScopeAuthorizer>(sp => new WallScopeAuthorizer(Resolve(sp, existing)));
        return services;
    }

    private static ILiveScopeAuthorizer Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILiveScopeAuthorizer)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
