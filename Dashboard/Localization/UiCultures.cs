using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Localization;

/// <summary>
/// The cultures the UI speaks. zh-CN is the default for everyone (the browser's Accept-Language is
/// deliberately ignored: a command hall's machines are often set to English); a person switches with
/// <c>?culture=en</c>, which is remembered in a cookie.
/// </summary>
public static class UiCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public const string QueryKey = "culture";

    public static IReadOnlyList<CultureInfo> Supported { get; } =
        [CultureInfo.GetCultureInfo(Chinese), CultureInfo.GetCultureInfo(English)];

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>A message in the request's UI language: Chinese unless the person chose English.</summary>
    public static string Say(string chinese, string english) => IsEnglish(CultureInfo.CurrentUICulture) ? english : chinese;

    public static RequestLocalizationOptions CreateOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
            new CookieRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>Remembers a culture chosen with <c>?culture=</c> so the next page keeps it.</summary>
    public static IApplicationBuilder UseCultureCookie(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Query.ContainsKey(QueryKey))
            {
                var feature = context.Features.Get<IRequestCultureFeature>();
                if (feature?.Provider is QueryStringRequestCultureProvider)
                {
                    context.Response.Cookies.Append(
                        CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
                        new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                }
            }

            await next(context);
        });
}
