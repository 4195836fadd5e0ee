using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.Workbook;

public static class WorkbookServiceCollectionExtensions
{
    /// <summary>
    /// The workbook: progress and edit stores, the exercise checker, the lab verifier and the per-circuit
    /// <see cref="WorkbookSession"/>; options from the "Workbook" section. The host registers the lab database,
    /// the labs and the sandbox services (AddSandboxes: with them the learner context the session acts for).
    /// </summary>
    public static IServiceCollection AddWorkbook(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkbookOptions>().Bind(configuration.GetSection(WorkbookOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<WorkbookMetrics>();
        services.AddSingleton<RunTelemetry>();
        services.AddSingleton<ProgressStore>();
        services.AddSingleton<CellEditStore>();
        services.AddSingleton<ExerciseChecker>();
        services.AddSingleton<LabVerifier>();
        services.AddScoped<WorkbookSession>();
        return services;
    }
}
