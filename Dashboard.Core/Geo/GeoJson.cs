using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Geo;

/// <summary>
/// Reads and writes RFC 7946 GeoJSON with System.Text.Json (NetTopologySuite.IO.GeoJSON does not restore here).
/// Supported: Point, MultiPoint, LineString, MultiLineString, Polygon (with holes), MultiPolygon, Feature,
/// FeatureCollection. Positions are [longitude, latitude] in WGS-84/CGCS2000; a third value (altitude) is
/// accepted and ignored. Output rounds coordinates to 6 decimals (about 0.1 m) and orients polygon shells
/// counter-clockwise and holes clockwise, as RFC 7946 asks.
/// </summary>
public static class GeoJson
{
    /// <summary>Decimals written for a coordinate: 1e-6° is about 0.1 m, finer than any source we ingest.</summary>
    public const int CoordinateDecimals = 6;

    /// <summary>Geometry factory for longitude/latitude geometries (SRID 4326, floating precision).</summary>
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    private static readonly JsonWriterOptions CompactWriter = new()
    {
        // Chinese names stay readable in the files instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 64 };

    // ---------------------------------------------------------------- reading

    /// <summary>Parses a GeoJSON geometry object.</summary>
    /// <exception cref="GeoJsonException">The JSON is not a supported, well-formed geometry.</exception>
    public static Geometry ReadGeometry(string json) => ReadGeometry(ParseObject(json, "geometry"), "$");

    /// <summary>Parses a GeoJSON Feature.</summary>
    /// <exception cref="GeoJsonException">The JSON is not a well-formed Feature.</exception>
    public static GeoJsonFeature ReadFeature(string json) => ReadFeature(ParseObject(json, "Feature"), "$");

    /// <summary>Parses a GeoJSON FeatureCollection.</summary>
    /// <exception cref="GeoJsonException">The JSON is not a well-formed FeatureCollection.</exception>
    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(string json) =>
        ReadFeatureCollection(ParseObject(json, "FeatureCollection"), "$");

    /// <summary>Reads a FeatureCollection file; the exception message names the file.</summary>
    public static async Task<IReadOnlyList<GeoJsonFeature>> ReadFeatureCollectionFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        try
        {
            return ReadFeatureCollection(text);
        }
        catch (GeoJsonException ex)
        {
            throw new GeoJsonException($"{path}: {ex.Message}", ex) { Path = ex.Path };
        }
    }

    /// <summary>Reads a geometry from an already parsed node; <paramref name="path"/> prefixes error messages.</summary>
    public static Geometry ReadGeometry(JsonNode? node, string path)
    {
        var obj = node as JsonObject ?? throw GeoJsonException.At(path, "a geometry must be a JSON object");
        var type = RequiredString(obj, "type", path);
        var coordsPath = path + ".coordinates";
        if (type is "GeometryCollection")
        {
            throw GeoJsonException.At(path, "GeometryCollection is not supported");
        }

        var coords = obj["coordinates"] as JsonArray
            ?? throw GeoJsonException.At(coordsPath, $"a {type} needs a 'coordinates' array");
        return type switch
        {
            "Point" => Factory.CreatePoint(ReadPosition(coords, coordsPath)),
            "MultiPoint" => Factory.CreateMultiPointFromCoords(ReadPositions(coords, coordsPath, 0)),
            "LineString" => ReadLineString(coords, coordsPath),
            "MultiLineString" => Factory.CreateMultiLineString(
                ReadEach(coords, coordsPath, (a, p) => ReadLineString(a, p))),
            "Polygon" => ReadPolygon(coords, coordsPath),
            "MultiPolygon" => Factory.CreateMultiPolygon(ReadEach(coords, coordsPath, (a, p) => ReadPolygon(a, p))),
            _ => throw GeoJsonException.At(path + ".type", $"unknown or unsupported geometry type '{type}'"),
        };
    }

    /// <summary>Reads a Feature from an already parsed node.</summary>
    public static GeoJsonFeature ReadFeature(JsonNode? node, string path)
    {
        var obj = node as JsonObject ?? throw GeoJsonException.At(path, "a Feature must be a JSON object");
        var type = RequiredString(obj, "type", path);
        if (type != "Feature")
        {
            throw GeoJsonException.At(path + ".type", $"expected 'Feature', found '{type}'");
        }

        if (!obj.TryGetPropertyValue("geometry", out var geometryNode) || geometryNode is null)
        {
            throw GeoJsonException.At(path + ".geometry", "a Feature without geometry is not supported here");
        }

        var geometry = ReadGeometry(geometryNode, path + ".geometry");
        var properties = obj["properties"] switch
        {
            null => [],
            JsonObject p => (JsonObject)p.DeepClone(),
            _ => throw GeoJsonException.At(path + ".properties", "properties must be an object or null"),
        };
        string? id = obj["id"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => throw GeoJsonException.At(path + ".id", "id must be a string or a number"),
        };
        return new GeoJsonFeature(geometry, properties, id);
    }

    /// <summary>Reads a FeatureCollection from an already parsed node.</summary>
    public static IReadOnlyList<GeoJsonFeature> ReadFeatureCollection(JsonNode? node, string path)
    {
        var obj = node as JsonObject ?? throw GeoJsonException.At(path, "a FeatureCollection must be a JSON object");
        var type = RequiredString(obj, "type", path);
        if (type != "FeatureCollection")
        {
            throw GeoJsonException.At(path + ".type", $"expected 'FeatureCollection', found '{type}'");
        }

        var features = obj["features"] as JsonArray
            ?? throw GeoJsonException.At(path + ".features", "a FeatureCollection needs a 'features' array");
        var result = new List<GeoJsonFeature>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            result.Add(ReadFeature(features[i], $"{path}.features[{i}]"));
        }

        return result;
    }

    private static JsonObject ParseObject(string json, string what)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: ReaderOptions);
        }
        catch (JsonException ex)
        {
            throw new GeoJsonException($"$: not valid JSON for a {what}: {ex.Message}", ex) { Path = "$" };
        }

        return node as JsonObject ?? throw GeoJsonException.At("$", $"a {what} must be a JSON object");
    }

    private static string RequiredString(JsonObject obj, string name, string path) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw GeoJsonException.At($"{path}.{name}", $"missing or not a string ('{name}' is required)");

    private static T[] ReadEach<T>(JsonArray array, string path, Func<JsonArray, string, T> read)
    {
        var result = new T[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = array[i] as JsonArray ?? throw GeoJsonException.At(itemPath, "expected an array");
            result[i] = read(item, itemPath);
        }

        return result;
    }

    private static Coordinate ReadPosition(JsonArray position, string path)
    {
        if (position.Count < 2)
        {
            throw GeoJsonException.At(path, $"a position needs [longitude, latitude], found {position.Count} value(s)");
        }

        var lon = ReadNumber(position[0], path + "[0]");
        var lat = ReadNumber(position[1], path + "[1]");
        if (lon is < -180 or > 180)
        {
            throw GeoJsonException.At(path + "[0]", $"longitude {lon} is outside -180..180 (are longitude and latitude swapped?)");
        }

        if (lat is < -90 or > 90)
        {
            throw GeoJsonException.At(path + "[1]", $"latitude {lat} is outside -90..90 (are longitude and latitude swapped?)");
        }

        return new Coordinate(lon, lat);
    }

    private static double ReadNumber(JsonNode? node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d))
        {
            return d;
        }

        throw GeoJsonException.At(path, $"expected a finite number, found {node?.ToJsonString() ?? "null"}");
    }

    private static Coordinate[] ReadPositions(JsonArray array, string path, int minimum)
    {
        if (array.Count < minimum)
        {
            throw GeoJsonException.At(path, $"needs at least {minimum} positions, found {array.Count}");
        }

        return ReadEach(array, path, ReadPosition);
    }

    private static LineString ReadLineString(JsonArray array, string path) =>
        Factory.CreateLineString(ReadPositions(array, path, 2));

    private static LinearRing ReadRing(JsonArray array, string path)
    {
        var coords = ReadPositions(array, path, 4);
        if (!coords[0].Equals2D(coords[^1]))
        {
            throw GeoJsonException.At(path, "a linear ring must end at its first position (ring not closed)");
        }

        return Factory.CreateLinearRing(coords);
    }

    private static Polygon ReadPolygon(JsonArray array, string path)
    {
        if (array.Count == 0)
        {
            throw GeoJsonException.At(path, "a Polygon needs at least its exterior ring");
        }

        var rings = ReadEach(array, path, ReadRing);
        return Factory.CreatePolygon(rings[0], rings[1..]);
    }

    // ---------------------------------------------------------------- writing

    /// <summary>Writes one geometry as a compact GeoJSON geometry object.</summary>
    public static string Write(Geometry geometry) => WriteToString(w => WriteGeometry(w, geometry));

    /// <summary>Writes one Feature as compact GeoJSON.</summary>
    public static string Write(GeoJsonFeature feature) => WriteToString(w => WriteFeature(w, feature));

    /// <summary>
    /// Writes a FeatureCollection with one feature per line: compact, yet a change to one feature is a
    /// one-line diff in git. The output ends with a newline.
    /// </summary>
    public static string WriteFeatureCollection(IEnumerable<GeoJsonFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        var first = true;
        foreach (var feature in features)
        {
            if (!first)
            {
                sb.Append(",\n");
            }

            first = false;
            sb.Append(Write(feature));
        }

        sb.Append("\n]}\n");
        return sb.ToString();
    }

    /// <summary>Writes a geometry object with <paramref name="writer"/>.</summary>
    public static void WriteGeometry(Utf8JsonWriter writer, Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(geometry);
        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        writer.WritePropertyName("coordinates");
        switch (geometry)
        {
            case Point p:
                WritePosition(writer, p.Coordinate);
                break;
            case MultiPoint mp:
                writer.WriteStartArray();
                foreach (var g in mp.Geometries)
                {
                    WritePosition(writer, g.Coordinate);
                }

                writer.WriteEndArray();
                break;
            case LinearRing:
                throw new ArgumentException("a bare LinearRing has no GeoJSON type; wrap it in a Polygon", nameof(geometry));
            case LineString ls:
                WritePositions(writer, ls.CoordinateSequence, reverse: false);
                break;
            case MultiLineString mls:
                writer.WriteStartArray();
                foreach (var g in mls.Geometries)
                {
                    WritePositions(writer, ((LineString)g).CoordinateSequence, reverse: false);
                }

                writer.WriteEndArray();
                break;
            case Polygon poly:
                WritePolygonRings(writer, poly);
                break;
            case MultiPolygon mpoly:
                writer.WriteStartArray();
                foreach (var g in mpoly.Geometries)
                {
                    WritePolygonRings(writer, (Polygon)g);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"geometry type {geometry.GeometryType} is not supported by this GeoJSON writer", nameof(geometry));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a Feature object with <paramref name="writer"/>.</summary>
    public static void WriteFeature(Utf8JsonWriter writer, GeoJsonFeature feature)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(feature);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        if (feature.Id is not null)
        {
            writer.WriteString("id", feature.Id);
        }

        writer.WritePropertyName("properties");
        feature.Properties.WriteTo(writer);
        writer.WritePropertyName("geometry");
        WriteGeometry(writer, feature.Geometry);
        writer.WriteEndObject();
    }

    /// <summary>Rounds a coordinate value the way the writer does.</summary>
    public static double Round(double value) => Math.Round(value, CoordinateDecimals, MidpointRounding.AwayFromZero);

    private static string WriteToString(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WritePosition(Utf8JsonWriter writer, Coordinate c)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(Round(c.X));
        writer.WriteNumberValue(Round(c.Y));
        writer.WriteEndArray();
    }

    private static void WritePositions(Utf8JsonWriter writer, CoordinateSequence seq, bool reverse)
    {
        writer.WriteStartArray();
        for (var k = 0; k < seq.Count; k++)
        {
            var i = reverse ? seq.Count - 1 - k : k;
            writer.WriteStartArray();
            writer.WriteNumberValue(Round(seq.GetX(i)));
            writer.WriteNumberValue(Round(seq.GetY(i)));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WritePolygonRings(Utf8JsonWriter writer, Polygon polygon)
    {
        writer.WriteStartArray();
        var shell = polygon.ExteriorRing.CoordinateSequence;
        WritePositions(writer, shell, reverse: !Orientation.IsCCW(shell));
        foreach (var hole in polygon.InteriorRings)
        {
            WritePositions(writer, hole.CoordinateSequence, reverse: Orientation.IsCCW(hole.CoordinateSequence));
        }

        writer.WriteEndArray();
    }
}
