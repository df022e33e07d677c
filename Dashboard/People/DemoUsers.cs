using System.Text.Json;

namespace Dashboard.People;

/// <summary>assets/users/demo-users.json: one account per role and street for the demo, all with one password.</summary>
public sealed record DemoUsersFile(int Version, string Notice, string DemoPassword, IReadOnlyList<DemoUser> Users)
{
    public const string RelativePath = "users/demo-users.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<DemoUsersFile> LoadAsync(string assetsPath, CancellationToken cancellationToken)
    {
        var path = Path.Combine(assetsPath, RelativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"People:SeedDemoUsers is on but {path} does not exist; run tools/CityGenerator or turn demo seeding off.", path);
        }

        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<DemoUsersFile>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
        foreach (var user in file.Users)
        {
            if (!CityRoles.IsKnown(user.Role))
            {
                throw new InvalidDataException($"{path}: user {user.Username} has role '{user.Role}', which is not one of {string.Join(", ", CityRoles.All)}.");
            }
        }

        return file;
    }
}

public sealed record DemoUser(string Username, string DisplayName, string Role, string ScopeCode);
