namespace ImmersiveLab.Web.Hosting;

public static class WebApplicationBuilderExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Loopback on port 5080 unless --urls, LAB_URLS or ASPNETCORE_URLS say otherwise; static web
    /// assets from the build output also outside Development (./run.sh runs the build output).</summary>
    public static WebApplicationBuilder UseLabDefaults(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(ListenUrls(builder.Configuration));
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>Where the lab listens (";"-separated URLs): --urls, else LAB_URLS, else loopback port 5080.</summary>
    public static string ListenUrls(IConfiguration configuration) =>
        configuration["urls"] ?? Environment.GetEnvironmentVariable("LAB_URLS") ?? DefaultUrl;
}
