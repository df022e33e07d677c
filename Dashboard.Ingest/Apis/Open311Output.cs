using System.Globalization;
using System.Text;
using System.Xml;
using Dashboard.Ingest.Feeds.Open311;

namespace Dashboard.Ingest.Apis;

/// <summary>The two formats GeoReport v2 answers in, chosen by the path's extension.</summary>
public enum Open311Format
{
    Json,
    Xml,
}

/// <summary>
/// Writes GeoReport v2 answers: JSON arrays of objects, or the spec's XML — a collection element
/// (<c>services</c>, <c>service_requests</c>) holding one element per row, one child per field, empty elements for
/// absent values (<c>&lt;account_id/&gt;</c>), and errors as <c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;</c>.
/// </summary>
internal static class Open311Output
{
    public static IResult Render(string collection, string item, IEnumerable<IReadOnlyDictionary<string, object?>> rows, Open311Format format, int status = StatusCodes.Status200OK)
    {
        if (format == Open311Format.Json)
        {
            return Results.Json(rows.ToList(), statusCode: status);
        }

        return Results.Content(Xml(collection, item, rows), "text/xml; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Error(int status, string description, Open311Format format) =>
        format == Open311Format.Json
            ? Results.Content(Open311Parser.ErrorBody(status, description), "application/json", Encoding.UTF8, status)
            : Results.Content(
                Xml("errors", "error", [new Dictionary<string, object?> { ["code"] = status, ["description"] = description }]),
                "text/xml; charset=utf-8", Encoding.UTF8, status);

    private static string Xml(string collection, string item, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(text), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(collection);
            foreach (var row in rows)
            {
                writer.WriteStartElement(item);
                foreach (var (name, value) in row)
                {
                    writer.WriteStartElement(name);
                    if (Text(value) is { } content)
                    {
                        writer.WriteString(content);
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A StringWriter that declares UTF-8 (the body is sent as UTF-8, so the XML declaration must say so).</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
