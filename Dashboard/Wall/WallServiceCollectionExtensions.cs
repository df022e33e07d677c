using Dashboard.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
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
        services.AddOptions<DutyDeskOptions>()
            .Bind(configuration.GetSection(DutyDeskOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<DutyDesk>();
        services.TryAddSingleton<WallReplayQuery>();
        services.TryAddSingleton<WallFieldQuery>();
        services.TryAddSingleton<WallDriver>();
        services.AddHostedService<DutyDeskService>();

        services.AddAuthentication(options => options.DefaultScheme ??= WallDisplayAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, WallDisplayAuthenticationHandler>(WallDisplayAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SignInOrDisplayScheme, "A person's sign-in, or the wall's display token", options =>
                options.ForwardDefaultSelector = SelectScheme);

        // With people signing in (AddPeople), requests authenticate through the policy above: the wall's pages
        // use the display token, the live hub uses a person's cookie when there is one and the display token
        // otherwise, and everything else uses the person's cookie. Challenges still go to the sign-in page.
        services.PostConfigure<AuthenticationOptions>(options =>
        {
            if (options.SchemeMap.ContainsKey(IdentityConstants.ApplicationScheme))
            {
                options.DefaultAuthenticateScheme = SignInOrDisplayScheme;
            }
        });

        var existing = services.LastOrDefault(d => d.ServiceType == typeof(ILiveScopeAuthorizer))
            ?? throw new InvalidOperationException("AddWall() needs AddLive() first: it wraps the live hub's ILiveScopeAuthorizer.");
        services.Remove(existing);
        services.AddSingleton<ILiveScopeAuthorizer>(sp => new WallScopeAuthorizer(Resolve(sp, existing)));
        return services;
    }

    /// <summary>Forwards to the wall's display scheme or to a person's sign-in cookie.</summary>
    public const string SignInOrDisplayScheme = "SignInOrDisplay";

    private static string SelectScheme(HttpContext context)
    {
        var path = context.Request.Path;
        var isWall = path.StartsWithSegments("/wall", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/wall", StringComparison.OrdinalIgnoreCase);
        var isLive = path.StartsWithSegments(LiveEndpoints.HubPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/live", StringComparison.OrdinalIgnoreCase);
        var personCookie = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore." + IdentityConstants.ApplicationScheme;
        return isWall || (isLive && !context.Request.Cookies.ContainsKey(personCookie))
            ? WallDisplayAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
    }

    private static ILiveScopeAuthorizer Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILiveScopeAuthorizer)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
