using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom;

public static class ClassroomServiceCollectionExtensions
{
    /// <summary>
    /// Classes, joining, the instructor's token, dashboard and actions (needs AddLabDatabase, AddSandboxes, AddLabs).
    /// With <paramref name="backgroundServices"/> the class broadcaster polls for changes (the web app).
    /// </summary>
    public static IServiceCollection AddClassroom(this IServiceCollection services, IConfiguration configuration, bool backgroundServices = true)
    {
        services.AddOptions<ClassroomOptions>().Bind(configuration.GetSection(ClassroomOptions.SectionName));
        services.AddSingleton<IValidateOptions<ClassroomOptions>, ClassroomOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClassStore>();
        services.AddSingleton<ClassJoiner>();
        services.AddSingleton<ResumeRequests>();
        services.AddSingleton<ResumeCodes>();
        services.AddSingleton<ClassDashboard>();
        services.AddSingleton<ClassActions>();
        services.AddSingleton<InstructorToken>();
        services.AddSingleton<ClassBroadcaster>();
        if (backgroundServices) services.AddHostedService(sp => sp.GetRequiredService<ClassBroadcaster>());
        return services;
    }
}
