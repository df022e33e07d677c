using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests;

/// <summary>
/// Playwright's web-first assertions give up after 5 s by default. CI runs the test assemblies side by side on two
/// cores and a server-rendered reply after a form post has taken longer than that there (a Director flow failed at
/// its 5 s wait while passing alone). Waiting longer cannot make a wrong page pass; it only stops a slow one failing.
/// </summary>
internal static class ExpectTimeout
{
#pragma warning disable CA2255 // A test assembly's own start-up, not a library's: nothing else loads it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Raise() => Assertions.SetDefaultExpectTimeout(30_000);
}
