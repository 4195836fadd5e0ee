using System.Threading.RateLimiting;

namespace ImmersiveLab.Web.Network;

/// <summary>
/// Per-client limits (ASP.NET Core's rate limiter) on what a stranger can repeat cheaply: join attempts (POST /join,
/// where a class code or a resume code could be guessed, and where each new learner costs a CREATE DATABASE) and new
/// live connections (/_blazor/negotiate, each a circuit in the server's memory). A token bucket per client: a burst of
/// the per-minute figure at once (a class behind one address joins together), refilled every 10 seconds; as many more
/// requests wait their turn; beyond that, 429 with Retry-After.
/// </summary>
public static class ClientRateLimits
{
    public static readonly PathString JoinPath = "/join";
    public static readonly PathString NegotiatePath = "/_blazor/negotiate";

    public static RateLimitPartition<string> Partition(HttpContext context, NetworkOptions options)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(JoinPath, StringComparison.OrdinalIgnoreCase))
            return Bucket("join:" + ClientAddress.Of(context), options.JoinsPerMinutePerClient);
        if (request.Path.StartsWithSegments(NegotiatePath, StringComparison.OrdinalIgnoreCase))
            return Bucket("circuit:" + ClientAddress.Of(context), options.CircuitsPerMinutePerClient);
        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> Bucket(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = perMinute,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
}
