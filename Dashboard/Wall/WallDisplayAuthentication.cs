using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Core.City;
using Dashboard.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Wall;

/// <summary>
/// Signs a wall screen in without an interactive login: by its read-only display token (<c>?token=</c> on the page,
/// then the <see cref="CookieName"/> cookie the page sets, which the wall's fetches and its hub connection carry),
/// or, where <see cref="WallOptions.AllowLocalWithoutToken"/> holds, as a browser on the server's own machine.
/// The principal carries the token's scope as a <see cref="DemoLiveScopeAuthorizer.ScopeClaimType"/> claim and
/// is marked with <see cref="DisplayClaimType"/>, which <see cref="WallScopeAuthorizer"/> holds it to.
/// It acts only on the wall's own paths and the live ones; everything else stays as the app's other schemes decide.
/// </summary>
public sealed class WallDisplayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<WallOptions> wallOptions,
    IHostEnvironment environment,
    CityMap city)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "WallDisplay";
    public const string CookieName = "wall_display";
    public const string TokenQueryKey = "token";

    /// <summary>Present on every wall principal: <c>token</c> or <c>local</c>.</summary>
    public const string DisplayClaimType = "wall_display";

    private static readonly string[] Paths = ["/wall", "/api/wall", LiveEndpoints.HubPath, "/api/live"];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Paths.Any(p => Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Request.Query[TokenQueryKey].FirstOrDefault() is { Length: > 0 } fromQuery ? fromQuery : Request.Cookies[CookieName];
        if (!string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(Find(presented) is { } token
                ? AuthenticateResult.Success(Ticket(token.Name ?? "wall display", token.Scope, "token"))
                : AuthenticateResult.Fail("The display token is not one of Wall:DisplayTokens."));
        }

        return Task.FromResult(IsLocalAllowed(wallOptions.CurrentValue, environment) && IsLoopback(Context.Connection.RemoteIpAddress)
            ? AuthenticateResult.Success(Ticket("local wall", $"district:{city.District.Code}", "local"))
            : AuthenticateResult.NoResult());
    }

    public static bool IsLocalAllowed(WallOptions options, IHostEnvironment environment) =>
        options.AllowLocalWithoutToken ?? environment.IsDevelopment();

    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private WallDisplayToken? Find(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        WallDisplayToken? match = null;
        foreach (var token in wallOptions.CurrentValue.DisplayTokens)
        {
            // Constant time per candidate, so response timing does not reveal how much of a token was right.
            if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(token.Token)))
            {
                match = token;
            }
        }

        return match;
    }

    private static AuthenticationTicket Ticket(string name, string scope, string kind)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(DemoLiveScopeAuthorizer.ScopeClaimType, scope), new Claim(DisplayClaimType, kind)],
            SchemeName);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName);
    }
}
