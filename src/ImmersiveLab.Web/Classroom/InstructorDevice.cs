using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// A browser that has signed in as the instructor before: it keeps a long-lived cookie with a random id, protected so
/// nobody can make one. It grants nothing by itself (the token is still needed, and rotating it still ends sessions);
/// it only makes the browser its own source for <see cref="LoginThrottle"/>, so other people's wrong guesses from the
/// same address never slow the instructor's sign-in.
/// </summary>
public sealed class InstructorDevice(IDataProtectionProvider protection)
{
    public const string CookieName = "imlab.device";
    private readonly IDataProtector _protector = protection.CreateProtector("ImmersiveLab.InstructorDevice.v1");

    /// <summary>The throttle source of this request: its device when it has a valid device cookie, else its client address.</summary>
    public string SourceOf(HttpContext context) =>
        DeviceId(context) is { } id ? "device:" + id : "address:" + Network.ClientAddress.Of(context);

    /// <summary>After a successful sign-in: the browser is a known device from now on (for a year).</summary>
    public void Remember(HttpContext context)
    {
        var id = DeviceId(context) ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
    }

    private string? DeviceId(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value) return null;
        try
        {
            return _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
