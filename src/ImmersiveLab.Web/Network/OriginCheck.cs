using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Network;

/// <summary>
/// The lab's live connection (/_blazor: negotiate, WebSocket, long polling) is opened only by the lab's own pages: a
/// browser's Origin must be the address the browser used for the lab (the request's scheme and Host) or one of
/// Classroom:AllowedOrigins. Otherwise any web page open on a learner's machine could drive the lab in their name (for
/// the solo learner on the lab's machine: their sandbox). Requests without an Origin (not a browser page) pass.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptionsMonitor<NetworkOptions> options, ILogger<OriginCheck> logger)
{
    public static readonly PathString CircuitPath = "/_blazor";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(CircuitPath) || context.Request.Headers.Origin is not [{ } origin])
            return next(context);
        if (IsAllowed(origin, context.Request, options.CurrentValue.AllowedOrigins)) return next(context);
        logger.LogWarning("Refused a live connection from the page origin {Origin} (the lab is {Host})", origin, context.Request.Host);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public static bool IsAllowed(string origin, HttpRequest request, IEnumerable<string> allowedOrigins)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (allowedOrigins.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var allowed) && SameOrigin(allowed, uri))) return true;
        // The lab's own origin: the scheme (https behind a trusted TLS proxy) and Host the browser used.
        return uri.Scheme == request.Scheme && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == (request.Host.Port ?? (request.Scheme == "https" ? 443 : 80));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
