using ImmersiveLab.Ui;
using ImmersiveLab.Web.Components;
using ImmersiveLab.Web.Endpoints;
using ImmersiveLab.Web.Localization;
using ImmersiveLab.Web.Network;
using ImmersiveLab.Web.Telemetry;

namespace ImmersiveLab.Web.Hosting;

public static class WebApplicationExtensions
{
    public static WebApplication UseImmersiveLab(this WebApplication app)
    {
        // Learners never see a stack trace, in any environment.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Who is really asking (trusted proxies only), and whether a page of another site is opening a live connection.
        app.UseLabNetwork();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseLabLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoint();
        app.MapLabMetrics();
        app.MapClassProgressExport();
        app.MapLabAssets();
        // Result images of cells and galleries, and the image search's step pictures and neighbours: learner-bound links.
        app.MapResultEndpoints();
        app.MapCultureEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
