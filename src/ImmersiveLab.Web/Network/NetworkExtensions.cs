using ImmersiveLab.Web.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using System.Threading.RateLimiting;

namespace ImmersiveLab.Web.Network;

public static class NetworkExtensions
{
    /// <summary>Trusted proxies (forwarded headers from them only), allowed hosts, page origins and per-client rate limits.</summary>
    public static IServiceCollection AddLabNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NetworkOptions.SectionName);
        var options = section.Get<NetworkOptions>() ?? new NetworkOptions();
        if (options.Validate() is { } problem) throw new InvalidOperationException(problem);
        services.AddOptions<NetworkOptions>().Bind(section);

        var proxies = new ProxyNetworks(options.TrustedProxies);
        services.AddSingleton(proxies);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // ASP.NET trusts loopback by default, and EVERY address when both lists are empty: without configured
            // proxies nothing is forwarded at all.
            o.ForwardedHeaders = proxies.IsEmpty ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies.Networks) o.KnownIPNetworks.Add(network);
            o.ForwardLimit = null; // a chain of trusted proxies; the walk stops at the first address that is not one
        });

        // Replaces ASP.NET's AllowedHosts ("*" in the template): registered after it, so this one wins.
        var hosts = LabHostNames.Allowed(WebApplicationBuilderExtensions.ListenUrls(configuration), options.AllowedHosts);
        services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = hosts.Contains("*") ? ["*"] : hosts.ToList());

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                ClientRateLimits.Partition(context, context.RequestServices.GetRequiredService<IOptionsMonitor<NetworkOptions>>().CurrentValue));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                else response.Headers.RetryAfter = "10";
                var text = rejected.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Resources.UiStrings>>()["TooManyRequests"];
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(text, ct);
            };
        });
        return services;
    }

    /// <summary>Records the connection's origin, applies trusted proxies' forwarded headers, and checks live-connection origins.</summary>
    public static WebApplication UseLabNetwork(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<ProxyNetworks>();
        app.Use(next => ConnectionOrigin.Record(next, proxies));
        if (!proxies.IsEmpty) app.UseForwardedHeaders();
        app.UseMiddleware<OriginCheck>();
        return app;
    }
}
