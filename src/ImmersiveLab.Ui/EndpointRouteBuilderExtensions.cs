using ImmersiveLab.Ui.Results;
using ImmersiveLab.Ui.Results.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Ui;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the result image endpoints (thumbnails and full images behind learner-bound links) under
    /// <see cref="ResultsUiOptions.ImageBasePath"/>. Needs <see cref="ResultsUiServiceCollectionExtensions.AddResultsUi"/> and an
    /// <see cref="ICurrentLearnerAccessor"/> registered by the host.
    /// </summary>
    public static IEndpointConventionBuilder MapResultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var basePath = endpoints.ServiceProvider.GetRequiredService<IOptions<ResultsUiOptions>>().Value.ImageBasePath.TrimEnd('/');
        var group = endpoints.MapGroup(basePath).ExcludeFromDescription();
        group.MapGet("/{token}", ResultImageEndpoints.ThumbnailAsync).WithName("ResultImageThumbnail");
        group.MapGet("/{token}/full", ResultImageEndpoints.FullImageAsync).WithName("ResultImageFull");
        return group;
    }
}
