using ImmersiveLab.ImageSearch.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.ImageSearch;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>Serves the step pictures and result thumbnails of image searches under <see cref="ImageSearchOptions.ImageBasePath"/>.</summary>
    public static IEndpointConventionBuilder MapImageSearchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var basePath = endpoints.ServiceProvider.GetRequiredService<IOptions<ImageSearchOptions>>().Value.ImageBasePath.TrimEnd('/');
        var group = endpoints.MapGroup(basePath).ExcludeFromDescription();
        group.MapGet("/{token}", ImageSearchEndpoints.Get).WithName("ImageSearchImage");
        return group;
    }
}
