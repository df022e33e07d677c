using System.Security.Cryptography;
using Dashboard.Core.Incidents;
using static Dashboard.Localization.UiCultures;

namespace Dashboard.Director;

/// <summary>One photo as it arrived with a handling report, not yet checked.</summary>
public sealed record PhotoUpload(EvidenceStage Stage, string FileName, byte[] Content);

/// <summary>A photo that passed <see cref="EvidenceUploads.Check"/>: its real type and its hash.</summary>
public sealed record CheckedPhoto(EvidenceStage Stage, string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// The rules for closure evidence (处置前后照片): JPEG, PNG or WebP only, decided from the file's first bytes (a
/// renamed script or an SVG with script in it is refused whatever its name or declared type), at most
/// <see cref="EvidencePhoto.MaxBytes"/> each and <see cref="EvidencePhoto.MaxPerReport"/> per report, and a handling
/// report carries at least one photo of the result.
/// </summary>
public static class EvidenceUploads
{
    public static IReadOnlyList<CheckedPhoto> Check(IReadOnlyList<PhotoUpload> uploads, bool requireAfter)
    {
        var photos = uploads.Where(u => u.Content.Length > 0).ToList();
        if (photos.Count > EvidencePhoto.MaxPerReport)
        {
            throw new ArgumentException(Say($"photos: 每次最多上传 {EvidencePhoto.MaxPerReport} 张照片，收到 {photos.Count} 张。",
                $"photos: at most {EvidencePhoto.MaxPerReport} photos per report; got {photos.Count}."));
        }

        if (requireAfter && !photos.Any(p => p.Stage == EvidenceStage.After))
        {
            throw new ArgumentException(Say("photos: 处置反馈须附至少一张处置后照片。", "photos: a handling report needs at least one photo of the result (after)."));
        }

        return [.. photos.Select(CheckOne)];
    }

    private static CheckedPhoto CheckOne(PhotoUpload upload)
    {
        var name = SafeName(upload.FileName);
        if (upload.Content.Length > EvidencePhoto.MaxBytes)
        {
            throw new ArgumentException(Say($"photos: 照片 {name} 为 {upload.Content.Length / 1024 / 1024.0:0.0} MB，超过 {EvidencePhoto.MaxBytes / 1024 / 1024} MB 上限。",
                $"photos: {name} is {upload.Content.Length / 1024 / 1024.0:0.0} MB, over the {EvidencePhoto.MaxBytes / 1024 / 1024} MB limit."));
        }

        var type = Sniff(upload.Content)
            ?? throw new ArgumentException(Say($"photos: {name} 不是 JPEG、PNG 或 WebP 图片。", $"photos: {name} is not a JPEG, PNG or WebP image."));
        return new CheckedPhoto(upload.Stage, name, type, upload.Content, Convert.ToHexStringLower(SHA256.HashData(upload.Content)));
    }

    /// <summary>The image type from the file's magic bytes; null when it is none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    /// <summary>The device's file name for display only: no path, no control characters, bounded length.</summary>
    private static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0)
        {
            name = "photo";
        }

        return name.Length <= 120 ? name : name[^120..];
    }
}
