using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.IndexExplorer.Tests.Support;

/// <summary>A bUnit context for the explorer's components: MudBlazor, localization, JS interop answered loosely.</summary>
public static class ExplorerUiContext
{
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        return ctx;
    }
}
