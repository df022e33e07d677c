using Dashboard.Core.Storage;
using StoreOptions = Dashboard.Core.Storage.StoreOptions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// People and permissions: ASP.NET Core Identity (hashed passwords, lockout, cookie sign-in) on the people store
    /// (same database as the city store, <c>Store:Provider</c>/<c>Store:ConnectionString</c>), the five roles, the
    /// refusal audit and, in the demo, the demo accounts. Options from the <c>People</c> section.
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        var people = configuration.GetSection(PeopleOptions.SectionName).Get<PeopleOptions>() ?? new PeopleOptions();
        services.AddOptions<PeopleOptions>().Bind(configuration.GetSection(PeopleOptions.SectionName));
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        switch (store.Provider)
        {
            case StoreProvider.Postgres:
                services.AddDbContextFactory<PostgresIdentityStoreDbContext>(builder => builder
                    .UseNpgsql(store.ConnectionString, o => o.MigrationsHistoryTable(IdentityStoreDbContext.MigrationsHistoryTable))
                    .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
                services.AddSingleton<IDbContextFactory<IdentityStoreDbContext>, Factory<PostgresIdentityStoreDbContext>>();
                break;
            default:
                services.AddDbContextFactory<SqliteIdentityStoreDbContext>(builder => builder
                    .UseSqlite(store.ConnectionString, o => o.MigrationsHistoryTable(IdentityStoreDbContext.MigrationsHistoryTable))
                    .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
                services.AddSingleton<IDbContextFactory<IdentityStoreDbContext>, Factory<SqliteIdentityStoreDbContext>>();
                break;
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContext());

        services.AddIdentity<CityUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = people.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(people.LockoutMinutes);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<IdentityStoreDbContext>()
            .AddClaimsPrincipalFactory<CityClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "citybrain.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            // APIs and the hub answer with a status code; only pages redirect a person to the sign-in form.
            cookie.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<RefusalAudit>();
        services.AddScoped<Admin.UserAdministration>();
        // A locked account or a changed role reaches open sessions within a minute, not the default half hour.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddHostedService<PeopleStartup>();
        return services;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private sealed class Factory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<IdentityStoreDbContext>
        where TContext : IdentityStoreDbContext
    {
        public IdentityStoreDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
