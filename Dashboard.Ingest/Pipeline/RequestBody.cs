namespace Dashboard.Ingest.Pipeline;

/// <summary>Reads a request body into memory, refusing anything over the cap before it is all buffered.</summary>
public static class RequestBody
{
    /// <summary>The bytes, or null when the body is larger than <paramref name="maxBytes"/> (answer 413).</summary>
    public static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
