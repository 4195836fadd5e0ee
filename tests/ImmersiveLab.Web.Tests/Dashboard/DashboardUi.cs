using Bunit;
using ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;
using ImmersiveLab.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Tests.Dashboard;

/// <summary>A bUnit context like the instructor's circuit: MudBlazor, localization, the dashboard's own services, and
/// everything else (classroom services, the database) from the running app of <see cref="LabWebFixture"/>;
/// <paramref name="services"/> replaces some of the app's (e.g. made-up server numbers).</summary>
public static class DashboardUi
{
    public static BunitContext Create(LabWebFixture app, Action<IServiceCollection>? services = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddLabLocalization();
        ctx.Services.AddLogging();
        // bUnit resolves the dependencies of a service registered here only here: the app's own ones are passed in.
        ctx.Services.AddTransient(sp => ActivatorUtilities.CreateInstance<DashboardState>(app.Services,
            sp.GetRequiredService<ISnackbar>(), sp.GetRequiredService<IStringLocalizer<UiStrings>>()));
        ctx.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<DashboardText>(app.Services, sp.GetRequiredService<IStringLocalizer<UiStrings>>()));
        services?.Invoke(ctx.Services);
        ctx.Services.AddFallbackServiceProvider(app.Services);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
