using System.Globalization;
using Dashboard.Core.Incidents;
using Dashboard.Director;

namespace Dashboard.Tests.Director;

/// <summary>The closure-photo rules a liaison meets when reporting a case handled.</summary>
public sealed class EvidenceUploadTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];
    private static readonly byte[] Webp = [.. "RIFF"u8, 0x10, 0x00, 0x00, 0x00, .. "WEBPVP8 "u8];

    [Fact]
    public void Jpeg_png_and_webp_are_recognised_by_their_bytes_not_their_names()
    {
        var png = Convert.FromBase64String(AuthorizationMatrixTests.TinyPng);

        var photos = EvidenceUploads.Check(
            [new(EvidenceStage.Before, "a.webp", Jpeg), new(EvidenceStage.After, "b.jpg", png), new(EvidenceStage.After, "c", Webp)], requireAfter: true);

        Assert.Equal(["image/jpeg", "image/png", "image/webp"], photos.Select(p => p.ContentType));
        Assert.All(photos, p => Assert.Equal(64, p.Sha256.Length));
    }

    [Fact]
    public void A_photo_over_the_size_limit_is_refused_naming_the_file_and_the_limit()
    {
        var big = new byte[EvidencePhoto.MaxBytes + 1];
        Jpeg.CopyTo(big, 0);

        var error = Assert.Throws<ArgumentException>(() => Check([new(EvidenceStage.After, "huge.jpg", big)]));

        Assert.Contains("huge.jpg", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{EvidencePhoto.MaxBytes / 1024 / 1024} MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_photos_than_a_report_may_carry_are_refused()
    {
        var many = Enumerable.Range(0, EvidencePhoto.MaxPerReport + 1).Select(i => new PhotoUpload(EvidenceStage.After, $"{i}.jpg", Jpeg)).ToList();

        var error = Assert.Throws<ArgumentException>(() => Check(many));

        Assert.Contains($"最多上传 {EvidencePhoto.MaxPerReport} 张", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_before_photos_do_not_make_a_handling_report()
    {
        Assert.Throws<ArgumentException>(() => Check([new(EvidenceStage.Before, "before.jpg", Jpeg)]));
    }

    [Fact]
    public void A_path_in_the_devices_file_name_is_dropped()
    {
        var photo = Assert.Single(Check([new(EvidenceStage.After, "..\\..\\etc/passwd\u0007.jpg", Jpeg)]));

        Assert.Equal("passwd.jpg", photo.FileName);
    }

    private static IReadOnlyList<CheckedPhoto> Check(IReadOnlyList<PhotoUpload> uploads)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return EvidenceUploads.Check(uploads, requireAfter: true);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
