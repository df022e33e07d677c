using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Storage.Conversions;

/// <summary>
/// Stores a small list of values as a JSON text column. Used for reference data that is read whole
/// (a catalog item's departments, feed keys and stage limits), never queried by element.
/// </summary>
public sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => JsonSerializer.Serialize(list, JsonOptions.Default),
    json => JsonSerializer.Deserialize<List<T>>(json, JsonOptions.Default) ?? new List<T>());

/// <summary>Compares JSON-stored lists by content, so EF detects in-place changes.</summary>
public sealed class ListComparer<T>() : ValueComparer<IReadOnlyList<T>>(
    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
    list => list.ToList());

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Default = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
