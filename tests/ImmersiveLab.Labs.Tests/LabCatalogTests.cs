using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

public class LabCatalogTests
{
    private static ServiceProvider Services(string labsDirectory, string samples = "sample-images") =>
        new ServiceCollection()
            .AddLogging()
            .AddLabs(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Labs:LabsDirectory"] = labsDirectory,
                    ["Labs:SampleImagesDirectory"] = samples,
                })
                .Build())
            .BuildServiceProvider();

    [Fact]
    public void AddLabs_binds_the_Labs_section()
    {
        using var services = Services("/somewhere/labs", "/somewhere/samples");

        var options = services.GetRequiredService<IOptions<LabsOptions>>().Value;

        Assert.Equal("/somewhere/labs", options.LabsDirectory);
        Assert.Equal("/somewhere/samples", options.ResolveSampleImagesDirectory());
    }

    [Fact]
    public void Caches_until_reloaded()
    {
        using var labs = new TempLabs();
        labs.AddLab("01-first", en: ValidMarkdown);
        using var services = Services(labs.Root);
        var catalog = services.GetRequiredService<ILabCatalog>();

        var first = catalog.Current;
        labs.AddLab("02-second", ValidYaml.Replace("id: test-lab", "id: second"), en: ValidMarkdown);
        Assert.Same(first, catalog.Current);
        Assert.Null(catalog.Find("second"));

        LabCatalogSnapshot? announced = null;
        catalog.Reloaded += s => announced = s;
        var reloaded = catalog.Reload();

        Assert.Same(reloaded, announced);
        Assert.Same(reloaded, catalog.Current);
        Assert.Equal(["test-lab", "second"], catalog.Labs.Select(l => l.Id));
        Assert.NotNull(catalog.Find("second"));
    }
}
