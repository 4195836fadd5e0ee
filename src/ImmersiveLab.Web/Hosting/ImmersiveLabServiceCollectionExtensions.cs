using ImmersiveLab.Database;
using ImmersiveLab.Database.Template;
using ImmersiveLab.ImageSearch;
using ImmersiveLab.Imaging;
using ImmersiveLab.IndexExplorer;
using Microsoft.Extensions.Options;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Endpoints;
using ImmersiveLab.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.SqlAssist;
using ImmersiveLab.Ui;
using ImmersiveLab.Ui.Results.Images;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Learners;
using ImmersiveLab.Web.Network;
using ImmersiveLab.Web.Telemetry;
using ImmersiveLab.Workbook;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Web.Hosting;

public static class ImmersiveLabServiceCollectionExtensions
{
    /// <summary>Everything the web app needs, in one place.</summary>
    public static IServiceCollection AddImmersiveLab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddImaging(configuration);
        services.AddLabs(configuration);
        services.AddSampleImagesInTemplate(sp => sp.GetRequiredService<IOptions<LabsOptions>>().Value.ResolveSampleImagesDirectory());
        services.AddLabDatabase(configuration);
        services.AddIndexExplorer(configuration);
        services.AddHostedService<LabServerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ImmersiveLab.Database.Health.DatabaseHealthMonitor>());
        services.AddHostedService<StartupBanner>();
        services.AddSingleton<IHealthContributor, ModelHealthContributor>();

        // The workbook: sandboxes and the runner, result views, who the learner is, progress and checks.
        services.AddSandboxes(configuration);
        services.AddResultsUi(configuration);
        // Every feature acts for the circuit's learner (the sign-in's, else solo): this replaces the features' solo
        // default whatever the order of the Add calls (see AddSandboxConnections).
        services.AddScoped<ILearnerContext, CircuitLearner>();
        services.AddSingleton<ICurrentLearnerAccessor, HttpLearnerAccessor>();
        // Pictures stored as large objects show in results (an oid column), read through the learner's own role.
        services.AddSingleton<ILearnerBlobReader, SandboxBlobReader>();
        services.AddWorkbook(configuration);
        services.AddScoped(sp => new CircuitWorkbook(sp.GetRequiredService<WorkbookSession>()));
        services.AddScoped<SqlEditorScript>();
        services.AddScoped<SqlEditorAssist>();
        services.AddScoped<SqlAssistScript>();
        // The SQL editor's completion, hover and signature help: one bridge per circuit, for its learner and language
        // (a language switch reloads the page, so the circuit's language holds).
        services.AddSqlAssist(configuration);
        services.AddScoped(sp =>
        {
            var language = LabLocalization.CurrentLanguage;
            return new SqlAssistJsBridge(sp.GetRequiredService<SqlAssistService>(), sp.GetRequiredService<ILearnerContext>(), () => language,
                sp.GetRequiredService<ILogger<SqlAssistJsBridge>>());
        });
        services.AddClassroomWeb(configuration);
        services.AddLabNetwork(configuration);
        services.AddImageSearch(configuration);

        // Cookies (culture, classroom sign-in) stay valid across restarts: keep the keys with the lab's data.
        var keys = new LabDatabaseOptions { DataDirectory = configuration["Database:DataDirectory"] }.ResolveDataDirectory();
        services.AddDataProtection().SetApplicationName("ImmersiveLab").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keys, "keys")));

        var circuits = configuration.GetSection(CircuitConnectionOptions.SectionName).Get<CircuitConnectionOptions>() ?? new CircuitConnectionOptions();
        if (circuits.Validate() is { } invalid) throw new InvalidOperationException(invalid);
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(hub =>
        {
            hub.ClientTimeoutInterval = circuits.ClientTimeout;
            hub.KeepAliveInterval = circuits.KeepAlive;
        });
        services.AddMudServices();
        services.AddLocalization();
        services.AddLabLocalization();
        // Metrics, traces and the server's state for the instructor (src/ImmersiveLab.Web/Telemetry).
        services.AddLabTelemetry(configuration);
        return services;
    }
}
