using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>
/// Serves the image links at the front of the pipeline (GET {ImageBasePath}/{token}), so a host that registers the
/// feature gets its images without a mapping call. <see cref="EndpointRouteBuilderExtensions.MapImageSearchEndpoints"/>
/// does the same through endpoint routing for hosts that set <see cref="ImageSearchOptions.ServeImagesAutomatically"/> off.
/// </summary>
internal sealed class ImageSearchStartupFilter(IOptions<ImageSearchOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.ServeImagesAutomatically)
            app.Map(options.Value.ImageBasePath.TrimEnd('/'), branch => branch.Run(async http =>
            {
                var token = http.Request.Path.Value?.Trim('/') ?? "";
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) || token.Length == 0 || token.Contains('/'))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                int? w = int.TryParse(http.Request.Query["w"], out var width) ? width : null;
                var result = ImageSearchEndpoints.Get(token, w, http,
                    http.RequestServices.GetRequiredService<ImageLinkStore>(), http.RequestServices.GetRequiredService<ThumbnailCache>());
                await result.ExecuteAsync(http);
            }));
        next(app);
    };
}
