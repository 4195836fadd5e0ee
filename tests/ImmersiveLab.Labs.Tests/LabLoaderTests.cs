using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

public class LabLoaderTests
{
    [Fact]
    public void Loads_labs_ordered_by_folder_number()
    {
        using var labs = new TempLabs();
        labs.AddLab("10-later", ValidYaml.Replace("id: test-lab", "id: later"), en: ValidMarkdown);
        labs.AddLab("02-earlier", ValidYaml.Replace("id: test-lab", "id: earlier"), en: ValidMarkdown, zh: ValidMarkdown);
        Directory.CreateDirectory(Path.Combine(labs.Root, "shared-assets")); // no lab.yaml: not a lab, ignored

        var snapshot = Loader().LoadAll(labs.Root);

        Assert.Empty(snapshot.Errors);
        Assert.Equal(["earlier", "later"], snapshot.Labs.Select(l => l.Id));
        var earlier = snapshot.Labs[0];
        Assert.Equal((2, "02-earlier", 10), (earlier.Order, earlier.Folder, earlier.Minutes));
        Assert.Equal(["en", "zh"], earlier.AvailableLanguages);
        Assert.Equal(["en"], snapshot.Labs[1].AvailableLanguages);
        Assert.Equal("en", snapshot.Labs[1].Document("zh").Language); // falls back to the language it has
        Assert.Equal("labs/02-earlier/zh.md", earlier.Document("zh").SourceFile);
        Assert.Equal("测试", earlier.Title.Get("zh"));
    }

    [Fact]
    public void Reports_errors_with_the_lab_file_and_line()
    {
        using var labs = new TempLabs();
        labs.AddLab("01-broken", en: ValidMarkdown.Replace("sql id=first", "sql id=first colour=red"));

        var snapshot = Loader().LoadAll(labs.Root);

        var error = Assert.Single(snapshot.Errors);
        Assert.Equal(("labs/01-broken/en.md", 7), (error.File, error.Line));
        Assert.Equal("labs/01-broken/en.md:7: unknown option 'colour' for a `sql` block (allowed: id, readonly, setup, exercise, explain, fails, expects-index)", error.ToString());
        Assert.Single(snapshot.Labs); // still shown, so the author sees it
        Assert.Equal([error], snapshot.ErrorsOf(snapshot.Labs[0]));
    }

    [Fact]
    public void Reports_missing_lab_yaml_and_language_files()
    {
        using var labs = new TempLabs();
        labs.AddLab("01-no-yaml", yaml: null, en: ValidMarkdown);
        labs.AddLab("02-no-text");

        var snapshot = Loader().LoadAll(labs.Root);

        Assert.Empty(snapshot.Labs);
        Assert.Equal(["labs/01-no-yaml/lab.yaml: missing lab.yaml", "labs/02-no-text: a lab needs en.md and/or zh.md"],
            snapshot.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Reports_badly_named_lab_folders_and_duplicate_ids_and_numbers()
    {
        using var labs = new TempLabs();
        labs.AddLab("Intro", en: ValidMarkdown);
        labs.AddLab("01-a", en: ValidMarkdown);
        labs.AddLab("01-b", ValidYaml.Replace("id: test-lab", "id: other"), en: ValidMarkdown);
        labs.AddLab("03-c", en: ValidMarkdown);

        var snapshot = Loader().LoadAll(labs.Root);

        Assert.Equal(["test-lab", "other"], snapshot.Labs.Select(l => l.Id));
        Assert.Collection(snapshot.Errors,
            e => Assert.Equal("labs/Intro", e.File),
            e => Assert.Contains("number 01 is already used by labs/01-a", e.Message),
            e => Assert.Equal(("labs/03-c/lab.yaml", "id 'test-lab' is already used by labs/01-a"), (e.File, e.Message)));
    }

    [Fact]
    public void Reports_a_missing_labs_folder()
    {
        var snapshot = Loader().LoadAll(Path.Combine(Path.GetTempPath(), "no-such-labs-" + Guid.NewGuid()));

        Assert.Empty(snapshot.Labs);
        Assert.Contains("not found", Assert.Single(snapshot.Errors).Message);
    }

    [Fact]
    public void Rewrites_images_with_the_lab_id_from_lab_yaml()
    {
        using var labs = new TempLabs();
        var directory = labs.AddLab("04-pictures", en: "![x](images/x.png)\n\n" + ValidMarkdown);
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        System.IO.File.WriteAllText(Path.Combine(directory, "images", "x.png"), "png");

        var result = Loader().Load(directory);

        Assert.Empty(result.Errors);
        Assert.Contains("/labs/test-lab/assets/images/x.png", result.Lab!.Document("en").IntroHtml);
    }
}
