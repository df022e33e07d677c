using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.People;

/// <summary>Signs a test client in the way a browser does: GET the form, POST it back with its antiforgery token.</summary>
public static partial class SignIn
{
    public const string DemoPassword = "Demo-Chancheng-2026!";

    /// <summary>A client with its own cookie jar, not following redirects, signed in as <paramref name="username"/>.</summary>
    public static async Task<HttpClient> AsAsync(DashboardFactory factory, string username, string password = DemoPassword)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var answer = await PostLoginAsync(client, username, password);
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {username} failed: {(int)answer.StatusCode} {answer.Headers.Location}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string username, string password, string returnUrl = "/workspace")
    {
        var token = await TokenAsync(client, "/account/login");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="path"/> (the cookie half stays in the client's jar).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{path} has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
