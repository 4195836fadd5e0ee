using System.Globalization;
using Bunit;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Ui;
using ImmersiveLab.Web.Localization;
using ImmersiveLab.Workbook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// The workbook's real services over a real embedded PostgreSQL with the sample images, for component tests: each
/// test gets a bUnit context whose circuit acts for a learner of its own.
/// </summary>
public sealed class WorkbookUiFixture : LabServerFixture
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
        services.AddLabs(configuration);
        services.AddImaging(configuration);
        services.AddSampleImagesInTemplate(_ => RepoPaths.SampleImages);
        services.AddSandboxes(configuration, backgroundServices: false);
        services.AddWorkbook(configuration);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<LearnerRef> NewLearnerAsync() =>
        Get<LearnerDirectory>().GetOrCreateAsync("ui-" + Guid.NewGuid().ToString("N")[..16], null, CancellationToken.None);

    /// <summary>A bUnit context like one circuit of the app: MudBlazor, localization, result views, and this learner's workbook session.</summary>
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
        ctx.Services.AddSingleton(Get<ILabCatalog>());
        ctx.Services.AddScoped<ICurrentLearner>(_ => new CircuitOf(learner));
        ctx.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<WorkbookSession>(Services, sp.GetRequiredService<ICurrentLearner>()));
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

    private sealed class CircuitOf(LearnerRef learner) : ICurrentLearner
    {
        public Task<LearnerRef> GetAsync(CancellationToken ct) => Task.FromResult(learner);
    }
}

[CollectionDefinition(nameof(WorkbookUiCollection))]
public sealed class WorkbookUiCollection : ICollectionFixture<WorkbookUiFixture>;
