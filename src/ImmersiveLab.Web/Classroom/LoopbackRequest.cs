using System.Net;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Whether a request comes from this machine. A request relayed by a proxy carries forwarding headers and counts as
/// remote even when the proxy itself connects over loopback, so a reverse proxy never turns the classroom into
/// "everyone is the solo learner".
/// </summary>
public static class LoopbackRequest
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"];

    public static bool Is(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip
        && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
        && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
}
