using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Storage;

/// <summary>Which database holds the city, and where. Bound from the <c>Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary><see cref="StoreProvider.Sqlite"/> (embedded, the demo default) or <see cref="StoreProvider.Postgres"/> (production).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>An ADO.NET connection string for the chosen provider.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=citybrain.db";

    /// <summary>Apply pending migrations at start (the default; a production deployment may migrate out of band).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load the demo city from the assets folder into an empty store at start.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>Where the city assets live; relative paths are resolved against the content root.</summary>
    public string AssetsPath { get; set; } = "assets";
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
