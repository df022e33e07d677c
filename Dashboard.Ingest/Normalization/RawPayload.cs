using System.Security.Cryptography;

namespace Dashboard.Ingest.Normalization;

/// <summary>The bytes exactly as received, kept with every event and with every quarantined rejection.</summary>
public sealed record RawPayload
{
    private RawPayload(ReadOnlyMemory<byte> bytes, string contentType, string sha256)
    {
        Bytes = bytes;
        ContentType = contentType;
        Sha256 = sha256;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public string ContentType { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/>: identical redeliveries hash the same.</summary>
    public string Sha256 { get; }

    public static RawPayload From(ReadOnlyMemory<byte> bytes, string contentType)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes.Span, hash);
        return new RawPayload(bytes, contentType, Convert.ToHexStringLower(hash));
    }

    public static RawPayload FromText(string text, string contentType) =>
        From(System.Text.Encoding.UTF8.GetBytes(text), contentType);
}
