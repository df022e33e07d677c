using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.People;

/// <summary>
/// Runs at start after the city store: applies the people store's migrations, makes sure the five roles exist and,
/// in the demo only, creates the demo accounts and prints their credentials.
/// </summary>
public sealed class PeopleStartup(
    IServiceScopeFactory scopes,
    IOptions<PeopleOptions> options,
    IOptions<Dashboard.Core.Storage.StoreOptions> store,
    IHostEnvironment environment,
    ILogger<PeopleStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (store.Value.MigrateOnStart)
        {
            await services.GetRequiredService<IdentityStoreDbContext>().Database.MigrateAsync(cancellationToken);
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in CityRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (options.Value.SeedDemoUsers ?? environment.IsDevelopment())
        {
            var assets = Path.GetFullPath(Path.Combine(environment.ContentRootPath, store.Value.AssetsPath));
            var file = await DemoUsersFile.LoadAsync(assets, cancellationToken);
            await SeedAsync(services.GetRequiredService<UserManager<CityUser>>(), file);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(UserManager<CityUser> users, DemoUsersFile file)
    {
        var created = 0;
        foreach (var demo in file.Users)
        {
            if (await users.FindByNameAsync(demo.Username) is not null)
            {
                continue;
            }

            var user = new CityUser { UserName = demo.Username, DisplayName = demo.DisplayName, ScopeCode = demo.ScopeCode, LockoutEnabled = true };
            Check(await users.CreateAsync(user, file.DemoPassword), $"create demo user {demo.Username}");
            Check(await users.AddToRoleAsync(user, demo.Role), $"give {demo.Username} the role {demo.Role}");
            created++;
        }

        // The demo's operators need the credentials where they start the app; a production run never gets here.
        var table = string.Join(Environment.NewLine, file.Users.Select(u => $"  {u.Username,-22} {u.Role,-18} {u.ScopeCode,-13} {u.DisplayName}"));
        Console.WriteLine($"Demo accounts ({created} new), password for all: {file.DemoPassword}{Environment.NewLine}{table}");
        logger.LogWarning("Demo accounts are enabled ({Count} users); never enable People:SeedDemoUsers in production", file.Users.Count);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
