using Dashboard.Core.City;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Storage.Conversions;

/// <summary>Administrative codes are stored as their digit strings and validated again when read.</summary>
public sealed class StreetCodeConverter() : ValueConverter<StreetCode, string>(c => c.Value, s => StreetCode.Parse(s));

public sealed class CommunityCodeConverter() : ValueConverter<CommunityCode, string>(c => c.Value, s => CommunityCode.Parse(s));

public sealed class GridCodeConverter() : ValueConverter<GridCode, string>(c => c.Value, s => GridCode.Parse(s));

/// <summary>A list of street codes as one comma-separated column (an enclave's candidate streets).</summary>
public sealed class StreetCodeListConverter() : ValueConverter<IReadOnlyList<StreetCode>, string>(
    list => string.Join(',', list.Select(c => c.Value)),
    text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StreetCode.Parse).ToList());

/// <summary>Seconds as an integer column: heartbeat intervals read the same in SQLite and PostgreSQL.</summary>
public sealed class WholeSecondsConverter() : ValueConverter<TimeSpan, long>(t => (long)t.TotalSeconds, s => TimeSpan.FromSeconds(s));

/// <summary>A string-to-number map (a sensor's thresholds) as a JSON text column.</summary>
public sealed class JsonDictionaryConverter() : ValueConverter<IReadOnlyDictionary<string, double>, string>(
    map => System.Text.Json.JsonSerializer.Serialize(map, JsonOptions.Default),
    json => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(json, JsonOptions.Default) ?? new Dictionary<string, double>());

public sealed class DictionaryComparer() : ValueComparer<IReadOnlyDictionary<string, double>>(
    (a, b) => a == null ? b == null : b != null && a.Count == b.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
    map => map.Count,
    map => new Dictionary<string, double>(map));
