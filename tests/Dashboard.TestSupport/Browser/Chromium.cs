using Xunit;

namespace Dashboard.TestSupport.Browser;

/// <summary>
/// Debian's Chromium, the only browser end-to-end tests use (browsers are never downloaded).
/// Install with <c>apt-get install chromium</c>; CI sets <c>REQUIRE_CHROMIUM=1</c> so a missing
/// browser fails there instead of skipping.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsAvailable => File.Exists(ExecutablePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable("REQUIRE_CHROMIUM") == "1";

    /// <summary>
    /// Flags that work on the project's machines (shared/PLATFORM.md). The user-data-dir is passed
    /// separately (Playwright's persistent context) and must be a fresh empty folder per run.
    /// </summary>
    public static IReadOnlyList<string> LaunchArguments { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];
}

/// <summary>
/// A fact that needs Chromium: skipped with the reason when <see cref="Chromium.ExecutablePath"/> is
/// missing, unless <c>REQUIRE_CHROMIUM=1</c> (then it runs and fails, so CI cannot pass silently).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
        {
            Skip = $"Chromium not found at {Chromium.ExecutablePath} (apt-get install chromium); set REQUIRE_CHROMIUM=1 to fail instead.";
        }
    }
}

/// <summary>The theory form of <see cref="ChromiumFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!Chromium.IsAvailable && !Chromium.IsRequired)
        {
            Skip = $"Chromium not found at {Chromium.ExecutablePath} (apt-get install chromium); set REQUIRE_CHROMIUM=1 to fail instead.";
        }
    }
}
