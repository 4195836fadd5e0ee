using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Ui;
using ImmersiveLab.Ui.Results.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.ImageSearch.Tests.Support;

/// <summary>
/// A minimal web host wired as the app wires image search (AddImageSearch, MapResultEndpoints), on an in-memory test
/// server with a hand-moved clock. The learner is read from a header here; the app reads its sign-in cookie.
/// </summary>
public sealed class ImageLinkHost : IAsyncDisposable
{
    public const string LearnerHeader = "X-Test-Learner";

    private readonly WebApplication _app;

    private ImageLinkHost(WebApplication app, FakeTimeProvider clock)
    {
        _app = app;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
    public ConversionStepPictures Pictures => _app.Services.GetRequiredService<ConversionStepPictures>();
    public ImageSearchLinks Links => _app.Services.GetRequiredService<ImageSearchLinks>();

    public static async Task<ImageLinkHost> StartAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<ICurrentLearnerAccessor, HeaderLearnerAccessor>();
        builder.Services.AddImageSearch(builder.Configuration);
        var app = builder.Build();
        app.MapResultEndpoints();
        await app.StartAsync();
        return new ImageLinkHost(app, clock);
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
