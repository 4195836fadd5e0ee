using Bunit;
using ImmersiveLab.ImageSearch.Learners;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.ImageSearch.Tests.Support;

/// <summary>A bUnit context whose image search services are the fixture's real ones, searching as <paramref name="learner"/>.</summary>
public static class ComponentContext
{
    public static BunitContext Create(ImageSearchFixture fx, LearnerRef learner)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(fx.Search);
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ImageLinkStore>());
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ConversionStepPictures>());
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ImageValidator>());
        ctx.Services.AddScoped<ImmersiveLab.ImageSearch.Components.ImageSearchJs>();
        ctx.Services.AddSingleton<IImageSearchLearner>(new FixedLearner(learner));
        return ctx;
    }

    private sealed class FixedLearner(LearnerRef learner) : IImageSearchLearner
    {
        public Task<LearnerRef> GetAsync(CancellationToken ct) => Task.FromResult(learner);
    }

    /// <summary>The bytes behind an issued link (e.g. an img src), or null.</summary>
    public static ImageLinkEntry? Resolve(ImageSearchFixture fx, string url)
    {
        var token = url.Split('?')[0].Split('/')[^1];
        return fx.Services.GetRequiredService<ImageLinkStore>().TryGet(token, out var entry) ? entry : null;
    }
}
