using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Presenting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace ImmersiveLab.Web.Classroom;

public static class ClassroomWebExtensions
{
    /// <summary>Classes, sign-in cookies (learners at /join, the instructor with the token; both checked on every request and
    /// in live circuits), the access policy, presenter mode.</summary>
    public static IServiceCollection AddClassroomWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClassroom(configuration);
        services.AddSingleton<SignInValidator>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<InstructorDevice>();
        services.AddSingleton<ClassroomSignIn>();
        // Live circuits check their sign-in again every 15 s (a rotated token, a removed learner).
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, LabAuthenticationStateProvider>();
        services.AddScoped<ClassContext>();
        services.AddTransient<Components.Pages.Instructor.Dashboard.DashboardState>();
        services.AddScoped<Components.Pages.Instructor.Dashboard.DashboardText>();
        services.AddScoped<PresenterMode>();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(LabAuth.Scheme).AddCookie(LabAuth.Scheme, o =>
        {
            o.Cookie.Name = LabAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure over https, also behind a TLS proxy listed in Classroom:TrustedProxies (its X-Forwarded-Proto is believed).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.LoginPath = LabAuth.JoinPath;
            o.AccessDeniedPath = LabAuth.InstructorLoginPath;
            o.ReturnUrlParameter = "returnUrl";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<SignInValidator>().ValidateAsync(c),
                OnRedirectToLogin = c =>
                {
                    // Instructor pages lead to the token sign-in; everything else to joining a class.
                    if (c.Request.Path.StartsWithSegments("/instructor"))
                        c.RedirectUri = $"{LabAuth.InstructorLoginPath}?returnUrl={Uri.EscapeDataString(c.Request.PathBase + c.Request.Path + c.Request.QueryString)}";
                    if (IsBrowserNavigation(c.Request)) c.Response.Redirect(c.RedirectUri);
                    else c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                },
                OnRedirectToAccessDenied = c =>
                {
                    if (IsBrowserNavigation(c.Request)) c.Response.Redirect(c.RedirectUri);
                    else c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddSingleton<IAuthorizationHandler, ClassroomAccessHandler>();
        services.AddAuthorization(o =>
        {
            o.AddPolicy(LabAuth.InstructorPolicy, p => p.RequireClaim(Learners.LearnerClaims.Instructor, "true"));
            o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new ClassroomAccessRequirement()).Build();
        });
        return services;
    }

    private static bool IsBrowserNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/_blazor")
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
