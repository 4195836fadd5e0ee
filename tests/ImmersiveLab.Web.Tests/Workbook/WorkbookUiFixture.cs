using System.Globalization;
using Bunit;
using ImmersiveLab.Database.Template;
using ImmersiveLab.ImageSearch;
using ImmersiveLab.Imaging;
using ImmersiveLab.IndexExplorer;
using ImmersiveLab.IndexExplorer.Workspace;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.SqlAssist;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Ui;
using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Presenting;
using ImmersiveLab.Web.Localization;
using ImmersiveLab.Workbook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// The workbook's real services over a real embedded PostgreSQL with the sample images, for component tests: each
/// test gets a bUnit context whose circuit acts for a learner of its own.
/// </summary>
public sealed class WorkbookUiFixture : SandboxServerFixture
{
    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var configuration = base.Configuration(dataDirectory);
        configuration["Labs:LabsDirectory"] = RepoPaths.Labs;
        configuration["Labs:SampleImagesDirectory"] = RepoPaths.SampleImages;
        return configuration;
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.AddLabs(configuration);
        services.AddImaging(configuration);
        services.AddSampleImagesInTemplate(_ => RepoPaths.SampleImages);
        services.AddWorkbook(configuration);
        services.AddIndexExplorer(configuration);
        services.AddImageSearch(configuration);
        services.AddSqlAssist(configuration);
        services.AddClassroom(configuration, backgroundServices: false);
    }

    /// <summary>
    /// A bUnit context like one circuit of the app: MudBlazor, localization, result views, this learner's workbook
    /// session, class (none: a solo learner) and lab blocks, presenter mode (off) and authorization (nobody signed in).
    /// </summary>
    public BunitContext CreateContext(LearnerRef learner)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configuration(DataDirectory)).Build();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddLabLocalization();
        ctx.Services.AddLogging();
        ctx.Services.AddResultsUi(configuration);
        ctx.Services.AddScoped<SqlEditorScript>();
        ctx.Services.AddScoped<SqlEditorAssist>();
        ctx.Services.AddScoped<SqlAssistScript>();
        ctx.Services.AddScoped(sp => new SqlAssistJsBridge(Get<SqlAssistService>(), sp.GetRequiredService<ILearnerContext>(),
            () => LabLocalization.CurrentLanguage, Get<ILogger<SqlAssistJsBridge>>()));
        ctx.Services.AddSingleton(Get<ILabCatalog>());
        ctx.Services.AddScoped<ILearnerContext>(_ => new FixedLearner(learner));
        ctx.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<WorkbookSession>(Services, sp.GetRequiredService<ILearnerContext>()));
        ctx.Services.AddScoped(sp => new CircuitWorkbook(sp.GetRequiredService<WorkbookSession>()));
        ctx.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<ClassContext>(Services, sp.GetRequiredService<ILearnerContext>()));
        ctx.Services.AddScoped<PresenterMode>();
        ctx.Services.AddAuthorizationCore();
        // The lab blocks of the image search and the index explorer, for the circuit's learner as the app wires them.
        // (bUnit resolves a dependency of a service registered here only here, so services that need the fixture's
        // database-side singletons are taken from the fixture.)
        ctx.Services.AddImageSearch(configuration);
        ctx.Services.AddSingleton(Get<ImageSearchService>());
        ctx.Services.AddTransient(sp => ActivatorUtilities.CreateInstance<ExplorerWorkspace>(Services, sp.GetRequiredService<ILearnerContext>()));
        ctx.Services.AddFallbackServiceProvider(Services);
        return ctx;
    }

    /// <summary>Runs <paramref name="body"/> with the UI in <paramref name="language"/> ("en" or "zh").</summary>
    public static async Task InLanguageAsync(string language, Func<Task> body)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            await body();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}

[CollectionDefinition(nameof(WorkbookUiCollection))]
public sealed class WorkbookUiCollection : ICollectionFixture<WorkbookUiFixture>;
