using ImmersiveLab.Classroom;

namespace ImmersiveLab.Web.Classroom;

/// <summary>The browser's side of a request to continue as a learner: its id and secret, in an HttpOnly cookie for /join/wait.</summary>
public static class ResumeRequestCookie
{
    public const string Name = "imlab.resume-request";
    public const string WaitPath = "/join/wait";

    public static void Write(HttpContext http, ResumeTicket ticket, TimeSpan lifetime) =>
        http.Response.Cookies.Append(Name, ticket.ToString(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/join",
            MaxAge = lifetime,
        });

    public static ResumeTicket? Read(HttpContext http) => ResumeTicket.Parse(http.Request.Cookies[Name]);

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, new CookieOptions { Path = "/join" });
}
