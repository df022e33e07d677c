using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Ingest.Normalization;

/// <summary>
/// The only way feeds load XML. DTDs are prohibited (no external entities, no entity expansion, so no
/// XXE and no billion laughs), nothing is resolved, and the document size is capped.
/// </summary>
internal static class SafeXml
{
    public static XDocument Load(FeedSource source, ReadOnlyMemory<byte> bytes, FeedParseOptions options)
    {
        if (bytes.Length == 0)
        {
            throw new FeedParseException(source, "document", "is empty");
        }

        if (bytes.Length > options.MaxDocumentBytes)
        {
            throw new FeedParseException(source, "document", $"is {bytes.Length} bytes, over the {options.MaxDocumentBytes}-byte limit");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxDocumentBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex) when (bytes.Span.IndexOf("<!DOCTYPE"u8) >= 0)
        {
            throw new FeedParseException(source, "document", "contains a DTD (<!DOCTYPE>); DTDs and entity declarations are refused to prevent XXE and entity-expansion attacks", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedParseException(source, "document", $"is not well-formed XML: {ex.Message}", ex);
        }
    }

    /// <summary>First child with this local name, whatever its namespace (ISAPI devices use three).</summary>
    public static XElement? Child(this XElement parent, string localName)
    {
        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName == localName)
            {
                return e;
            }
        }

        return null;
    }

    public static IEnumerable<XElement> Children(this XElement parent, string localName)
    {
        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName == localName)
            {
                yield return e;
            }
        }
    }

    /// <summary>Trimmed text of the child, null when absent or blank.</summary>
    public static string? ChildText(this XElement parent, string localName)
    {
        var value = parent.Child(localName)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
