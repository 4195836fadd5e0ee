using System.Net;
using ImmersiveLab.Classroom;
using ImmersiveLab.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests;

/// <summary>
/// The whole app in memory (TestServer) over its own embedded PostgreSQL, for tests of its HTTP behaviour: hosts,
/// origins, trusted proxies, rate limits, sign-in cookies, health. A request's TCP peer is set by the test through the
/// X-Test-Peer header (default: a remote machine), since an in-memory request has none; <see cref="TrustedProxy"/> is
/// configured as a reverse proxy. Rate limits are small (6 a minute) so tests reach them; each test uses its own
/// client addresses.
/// </summary>
public sealed class LabWebFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TrustedProxy = "10.9.9.9";
    public const string AllowedOrigin = "https://lab.example.org";
    public const string ListenUrl = "http://127.0.0.1:5999";
    public const int PerMinute = 6;
    private const string PeerHeader = "X-Test-Peer";
    private static int _nextClient;
    private readonly TempDirectory _data = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:DataDirectory", _data.Path);
        foreach (var (name, value) in LabServerFixture.SmallClusterSettings) builder.UseSetting($"Database:EmbeddedSettings:{name}", value);
        builder.UseSetting("Labs:LabsDirectory", RepoPaths.Labs);
        builder.UseSetting("Labs:SampleImagesDirectory", RepoPaths.SampleImages);
        builder.UseSetting("urls", ListenUrl);
        builder.UseSetting("Classroom:TrustedProxies:0", TrustedProxy);
        builder.UseSetting("Classroom:AllowedOrigins:0", AllowedOrigin);
        builder.UseSetting("Classroom:JoinsPerMinutePerClient", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Classroom:CircuitsPerMinutePerClient", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, TestPeer>());
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the app and its database
        await Services.GetRequiredService<InstructorToken>().GetAsync(CancellationToken.None);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A fresh address of a remote machine, so tests do not share rate-limit buckets.</summary>
    public static string NewRemoteAddress()
    {
        var n = Interlocked.Increment(ref _nextClient);
        return $"198.51.{100 + n / 250}.{1 + n % 250}";
    }

    /// <summary>A browser (own cookies, no automatic redirects) whose connections come from <paramref name="peer"/>,
    /// optionally through the trusted proxy on behalf of <paramref name="forwardedFor"/>.</summary>
    public HttpClient Browser(string? peer = null, string? forwardedFor = null, string? forwardedProto = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(PeerHeader, peer ?? NewRemoteAddress());
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // a browser: refusals of pages are redirects
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        return client;
    }

    public Task<ClassInfo> NewClassAsync(int max = 100) =>
        Get<ClassStore>().CreateAsync(new NewClass("Web test " + Guid.NewGuid().ToString("N")[..6], null, null, max), CancellationToken.None);

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Sets the connection's remote address from X-Test-Peer, before the app's own middleware sees the request.</summary>
    private sealed class TestPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer) && IPAddress.TryParse(peer, out var address))
                    context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(PeerHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[CollectionDefinition(nameof(LabWebCollection))]
public sealed class LabWebCollection : ICollectionFixture<LabWebFixture>;
