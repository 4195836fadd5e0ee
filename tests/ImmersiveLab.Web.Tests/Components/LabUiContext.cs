using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor, localization and the real lab catalog of the repository's labs/.</summary>
public static class LabUiContext
{
    /// <param name="extra">More services (e.g. a browser stand-in), added before the renderer starts.</param>
    /// <param name="configure">Set-up that needs the context itself (e.g. bUnit's AddAuthorization), also before the renderer starts.</param>
    public static BunitContext Create(string labsDirectory, Action<IServiceCollection>? extra = null, Action<BunitContext>? configure = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Labs:LabsDirectory"] = labsDirectory,
            ["Labs:SampleImagesDirectory"] = RepoPaths.SampleImages,
        }).Build();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddLabLocalization();
        ctx.Services.AddLogging();
        ctx.Services.AddLabs(configuration);
        ctx.Services.AddScoped<ImmersiveLab.Web.Presenting.PresenterMode>();
        ctx.Services.AddScoped<ImmersiveLab.Web.Components.Workbook.Editor.SqlEditorScript>();
        ctx.Services.AddScoped<ImmersiveLab.Web.Components.Workbook.Editor.SqlEditorAssist>();
        ctx.Services.AddScoped<ImmersiveLab.Web.Components.Workbook.Editor.SqlAssistScript>();
        extra?.Invoke(ctx.Services);
        configure?.Invoke(ctx);
        // The layout reads RendererInfo (it marks the page once the circuit is live); the app runs interactive server.
        // Last: it starts the renderer, after which no service may be added.
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    public static ILabCatalog Catalog(this BunitContext ctx) => ctx.Services.GetRequiredService<ILabCatalog>();
}
