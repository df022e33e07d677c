using System.Text;

namespace Dashboard.Ingest.Normalization;

/// <summary>One part of a multipart body: its headers of interest and a slice of the original bytes (no copy).</summary>
internal sealed record MultipartPart(string? Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// Splits a buffered multipart/form-data (or mixed) body. Cameras get the details wrong often enough
/// (LF-only line ends, missing closing delimiter) that a small tolerant splitter beats a strict reader.
/// </summary>
internal static class MultipartBody
{
    public static string? Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';'))
        {
            var p = parameter.Trim();
            if (p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return p["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    public static List<MultipartPart> Split(ReadOnlyMemory<byte> body, string boundary)
    {
        var parts = new List<MultipartPart>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var start = span.IndexOf(delimiter);
        while (start >= 0)
        {
            var afterDelimiter = start + delimiter.Length;
            if (span.Length >= afterDelimiter + 2 && span[afterDelimiter] == '-' && span[afterDelimiter + 1] == '-')
            {
                break;
            }

            var headerStart = SkipLineEnd(span, afterDelimiter);
            var next = span[headerStart..].IndexOf(delimiter);
            var partEnd = next < 0 ? span.Length : headerStart + next;
            var part = ReadPart(body[headerStart..partEnd]);
            if (part is not null)
            {
                parts.Add(part);
            }

            start = next < 0 ? -1 : partEnd;
        }

        return parts;
    }

    private static MultipartPart? ReadPart(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        var (headerEnd, bodyStart) = FindHeaderEnd(span);
        if (headerEnd < 0)
        {
            return null;
        }

        string? name = null, fileName = null, contentType = null;
        foreach (var line in Encoding.UTF8.GetString(span[..headerEnd]).Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var header = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (header.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                name = DispositionParameter(value, "name");
                fileName = DispositionParameter(value, "filename");
            }
        }

        var content = raw[bodyStart..];
        content = TrimTrailingLineEnd(content);
        return new MultipartPart(name, fileName, contentType, content);
    }

    private static (int HeaderEnd, int BodyStart) FindHeaderEnd(ReadOnlySpan<byte> span)
    {
        var crlf = span.IndexOf("\r\n\r\n"u8);
        var lf = span.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            return (crlf, crlf + 4);
        }

        return lf >= 0 ? (lf, lf + 2) : (-1, -1);
    }

    private static int SkipLineEnd(ReadOnlySpan<byte> span, int index)
    {
        if (index < span.Length && span[index] == '\r')
        {
            index++;
        }

        if (index < span.Length && span[index] == '\n')
        {
            index++;
        }

        return index;
    }

    private static ReadOnlyMemory<byte> TrimTrailingLineEnd(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var length = span.Length;
        if (length > 0 && span[length - 1] == '\n')
        {
            length--;
            if (length > 0 && span[length - 1] == '\r')
            {
                length--;
            }
        }

        return content[..length];
    }

    private static string? DispositionParameter(string disposition, string parameter)
    {
        foreach (var piece in disposition.Split(';'))
        {
            var p = piece.Trim();
            if (p.StartsWith(parameter + "=", StringComparison.OrdinalIgnoreCase))
            {
                return p[(parameter.Length + 1)..].Trim('"');
            }
        }

        return null;
    }
}
