using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace ImmersiveLab.Ui.Tests.Support;

/// <summary>A bUnit context with MudBlazor, the results services and the JS module set up to record calls.</summary>
public static class UiTestContext
{
    public static readonly Guid Learner = Guid.Parse("11111111-1111-1111-1111-111111111111");

    public static BunitContext Create(FakeBlobReader? blobs = null, Dictionary<string, string?>? settings = null)
    {
        // The default (1 s) is too short when other test runs share the 2 cores; a passing wait returns at once anyway.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new()).Build();
        ctx.Services.AddResultsUi(configuration);
        if (blobs is not null) ctx.Services.AddSingleton<ImmersiveLab.Ui.Results.Images.ILearnerBlobReader>(blobs);
        return ctx;
    }

    public static BunitJSModuleInterop Module(this BunitContext ctx) =>
        ctx.JSInterop.SetupModule(ImmersiveLab.Ui.Results.Export.ResultsJsInterop.ModulePath);

    /// <summary>Renders the providers popovers and dialogs need (MudBlazor renders them into these).</summary>
    public static (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs) RenderProviders(this BunitContext ctx) =>
        (ctx.Render<MudPopoverProvider>(), ctx.Render<MudDialogProvider>());
}
