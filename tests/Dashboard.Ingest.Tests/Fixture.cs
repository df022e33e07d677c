namespace Dashboard.Ingest.Tests;

/// <summary>Reads a sample message from Fixtures/&lt;Format&gt;/ as received bytes.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string format, string file) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", format, file));

    public static string Text(string format, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", format, file));

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
