using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ImmersiveLab.Web.Localization;

/// <summary>The UI languages (English, Chinese) and how the choice is kept: a culture cookie.</summary>
public static class LabLocalization
{
    public static readonly string[] Cultures = ["en", "zh"];

    public static IServiceCollection AddLabLocalization(this IServiceCollection services)
    {
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en");
            o.AddSupportedCultures(Cultures);
            o.AddSupportedUICultures(Cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // zh-CN, zh-Hans, zh-TW from the browser all fall back to "zh".
        });
        return services;
    }

    public static WebApplication UseLabLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>The two-letter language of the current UI culture ("en" or "zh").</summary>
    public static string CurrentLanguage =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "zh" : "en";

    /// <summary>GET /culture?c=zh&amp;r=/labs/x/3 sets the cookie and returns to the same page.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (HttpContext http, string? c, string? r) =>
        {
            var culture = Cultures.Contains(c) ? c! : "en";
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(IsLocal(r) ? r! : "/");
        }).AllowAnonymous(); // the join page has the language switch too
        return endpoints;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
