namespace ImmersiveLab.Web.Hosting;

public static class WebApplicationBuilderExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Loopback on port 5080 unless --urls, LAB_URLS or ASPNETCORE_URLS say otherwise; static web
    /// assets from the build output also outside Development (./run.sh runs the build output).</summary>
    public static WebApplicationBuilder UseLabDefaults(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"]
                   ?? Environment.GetEnvironmentVariable("LAB_URLS")
                   ?? DefaultUrl;
        builder.WebHost.UseUrls(urls);
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
