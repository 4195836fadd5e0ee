using ImmersiveLab.Web.Network;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Whether a request comes from this machine (the solo learner, the operator): decided by the connection, never by a
/// header. The TCP peer must be a loopback address and not one of Classroom:TrustedProxies (a proxy on this machine
/// relays other people). As second guards, a request whose client address was rewritten, or that carries forwarding
/// headers anyway (from a proxy nobody configured), counts as remote too.
/// </summary>
public static class LoopbackRequest
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"];

    public static bool Is(HttpContext context)
    {
        var origin = ConnectionOrigin.Of(context);
        return origin.IsThisMachine
               && Equals(context.Connection.RemoteIpAddress, origin.Address) // nothing rewrote the client's address
               && !ForwardingHeaders.Any(context.Request.Headers.ContainsKey);
    }
}
