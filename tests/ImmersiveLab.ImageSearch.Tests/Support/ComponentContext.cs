using Bunit;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Ui.Results.Images;
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
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton(fx.Search);
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ImageSearchLinks>());
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ConversionStepPictures>());
        ctx.Services.AddSingleton(fx.Services.GetRequiredService<ImageValidator>());
        ctx.Services.AddScoped<ImmersiveLab.ImageSearch.Components.ImageSearchJs>();
        ctx.Services.AddSingleton<ILearnerContext>(new FixedLearner(learner));
        return ctx;
    }

    /// <summary>What an issued link (e.g. an img src) stands for, or null: its bytes, its learner, and whether it serves them as they are.</summary>
    public static IssuedLink? Resolve(ImageSearchFixture fx, string url)
    {
        var path = url.Split('?')[0];
        var full = path.EndsWith("/full", StringComparison.Ordinal);
        var token = (full ? path[..^"/full".Length] : path).Split('/')[^1];
        return fx.Services.GetRequiredService<ThumbnailUrlIssuer>().TryResolve(token, out var ticket) && ticket.Source is ImageSource.Bytes b
            ? new IssuedLink(b.Data, ticket.LearnerId, full)
            : null;
    }

    public sealed record IssuedLink(byte[] Bytes, Guid LearnerId, bool ServedAsIs);
}
