using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.People;

/// <summary>Sign-in and sign-out as form posts (antiforgery checked); the pages live in Components/Pages/Account.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account");
        account.MapPost("/sign-in", SignInAsync);
        account.MapPost("/sign-out", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<CityUser> signIn)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return Results.Redirect(LoginUrl("missing", back));
        }

        var result = await signIn.PasswordSignInAsync(username.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(back);
        }

        return Results.Redirect(LoginUrl(result.IsLockedOut ? "locked" : "invalid", back));
    }

    private static async Task<IResult> SignOutAsync(SignInManager<CityUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.Redirect("/account/login?signedOut=1");
    }

    /// <summary>Only paths of this site: an absolute URL from a crafted link must not become an open redirect.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/workspace";

    private static string LoginUrl(string error, string returnUrl) =>
        $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
