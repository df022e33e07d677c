using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Geo;

/// <summary>A GeoJSON Feature: a geometry with free-form properties and an optional id.</summary>
public sealed record GeoJsonFeature(Geometry Geometry, JsonObject Properties, string? Id = null)
{
    /// <summary>A required string property; throws naming the property when it is missing or not a string.</summary>
    public string GetString(string name) =>
        Properties[name] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new GeoJsonException($"feature {Id ?? "(no id)"}: property '{name}' is missing or not a string");

    /// <summary>A required integer property; throws naming the property when it is missing or not an integer.</summary>
    public int GetInt32(string name) =>
        Properties[name] is JsonValue v && v.TryGetValue<int>(out var i)
            ? i
            : throw new GeoJsonException($"feature {Id ?? "(no id)"}: property '{name}' is missing or not an integer");
}
