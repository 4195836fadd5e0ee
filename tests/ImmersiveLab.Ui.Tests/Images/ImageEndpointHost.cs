using ImmersiveLab.Ui.Results.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Ui.Tests.Images;

/// <summary>
/// A minimal web host that wires the library exactly as the real host will (AddResultsUi + MapResultEndpoints), on
/// an in-memory test server. The learner is read from a header here; the real host reads its cookie or claims.
/// </summary>
public sealed class ImageEndpointHost : IAsyncDisposable
{
    public const string LearnerHeader = "X-Test-Learner";

    private readonly WebApplication _app;

    private ImageEndpointHost(WebApplication app, FakeTimeProvider clock, FakeBlobReader blobs)
    {
        _app = app;
        Clock = clock;
        Blobs = blobs;
    }

    public FakeTimeProvider Clock { get; }
    public FakeBlobReader Blobs { get; }
    public IServiceProvider Services => _app.Services;
    public ThumbnailUrlIssuer Issuer => Services.GetRequiredService<ThumbnailUrlIssuer>();

    public static async Task<ImageEndpointHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var blobs = new FakeBlobReader();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new());
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<ILearnerBlobReader>(blobs);
        builder.Services.AddSingleton<ICurrentLearnerAccessor, HeaderLearnerAccessor>();
        builder.Services.AddResultsUi(builder.Configuration);
        var app = builder.Build();
        app.MapResultEndpoints();
        await app.StartAsync();
        return new ImageEndpointHost(app, clock, blobs);
    }

    public HttpClient Client(Guid? learner)
    {
        var client = _app.GetTestClient();
        if (learner is { } id) client.DefaultRequestHeaders.Add(LearnerHeader, id.ToString());
        return client;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class HeaderLearnerAccessor : ICurrentLearnerAccessor
    {
        public Guid? GetLearnerId(HttpContext httpContext) =>
            Guid.TryParse(httpContext.Request.Headers[LearnerHeader], out var id) ? id : null;
    }
}
