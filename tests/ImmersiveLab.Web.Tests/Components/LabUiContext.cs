using Bunit;
using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Web.Localization;
using ImmersiveLab.Workbook;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, localization, the real lab catalog of the repository's labs/ and every service the
/// pages and the layout inject, with no database: the circuit's learner is a made-up solo learner (so the classroom
/// finds no class and asks nothing), the workbook is off (<see cref="CircuitWorkbook.None"/>: the labs as a static
/// preview), and the database monitor, never started, says the database is up.
/// </summary>
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
        ctx.Services.AddLabDatabase(configuration);
        ctx.Services.AddClassroom(configuration, backgroundServices: false);
        ctx.Services.AddWorkbook(configuration);
        ctx.Services.AddSingleton(CircuitWorkbook.None);
        ctx.Services.AddSingleton<ILearnerContext>(new FixedLearner(new LearnerRef(Guid.NewGuid(), "me", null)));
        ctx.Services.AddScoped<ClassContext>();
        ctx.Services.AddAuthorizationCore();
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
