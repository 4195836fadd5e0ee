using Microsoft.Extensions.Logging.Abstractions;
using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

/// <summary>
/// <c>instructor</c> blocks: kept on the step apart from what learners see, one per step, the same timing plan and
/// optional steps in both languages, minutes that add up to lab.yaml's.
/// </summary>
public class InstructorNoteTests
{
    private static readonly string Notes =
        "Intro text.\n\n" + Fence("instructor minutes=4", "Plan: **15 minutes**.")
        + "\n## Step one\n\nSome text.\n\n"
        + Fence("instructor minutes=6 optional", "Answer: *because*.")
        + Fence("sql id=first", "SELECT 1;")
        + "\n## Step two\n\n"
        + Fence("sql", "SELECT 2;");

    [Fact]
    public void A_note_belongs_to_its_step_and_is_not_one_of_its_blocks()
    {
        var document = Parse(Notes);

        Assert.Equal((4, false), (document.Intro.InstructorNote!.Minutes, document.Intro.InstructorNote.Optional));
        Assert.Contains("<strong>15 minutes</strong>", document.Intro.InstructorNote.Html);
        var step = document.Steps[0];
        Assert.Equal((6, true), (step.InstructorNote!.Minutes, step.InstructorNote.Optional));
        Assert.Contains("<em>because</em>", step.InstructorNote.Html);
        Assert.DoesNotContain(step.Blocks.OfType<MarkdownBlock>(), b => b.Html.Contains("because"));
        Assert.Equal(["first"], step.Cells.Select(c => c.Id));
        Assert.Null(document.Steps[1].InstructorNote);
        // A note does not count as a cell: default ids stay where they were.
        Assert.Equal("s2-c1", document.Steps[1].Cells.Single().Id);
        Assert.Empty(Validate(Notes));
    }

    [Theory]
    [InlineData("instructor minutes=0", "option minutes=\"0\" is not valid")]
    [InlineData("instructor minutes=soon", "option minutes=\"soon\" is not valid")]
    [InlineData("instructor optional=yes", "'optional' is a flag")]
    [InlineData("instructor for=ex", "unknown option 'for'")]
    public void Reports_bad_options(string info, string message)
    {
        var errors = Validate("## S\n\n" + Fence(info, "Notes."));
        Assert.Contains(errors, e => e.Message.Contains(message) && e.Line == 3);
    }

    [Fact]
    public void Reports_a_second_and_an_empty_note_in_a_step()
    {
        var errors = Validate("## S\n\n" + Fence("instructor", "One.") + Fence("instructor", "Two.") + "\n## T\n\n" + Fence("instructor", ""));

        Assert.Contains(errors, e => e.Message.Contains("a second `instructor` block in step 1") && e.Line == 6);
        Assert.Contains(errors, e => e.Message.Contains("an empty `instructor` block"));
    }

    [Fact]
    public void A_note_inside_a_list_is_an_error_since_learners_would_see_it_as_code()
    {
        var errors = Validate("## S\n\n- item\n\n  ```instructor\n  Secret answer.\n  ```\n");
        Assert.Contains(errors, e => e.Message.Contains("inside a list or quote"));
    }

    [Fact]
    public void The_timing_plan_adds_up_to_the_labs_minutes()
    {
        using var labs = new TempLabs();
        labs.AddLab("01-plan", ValidYaml.Replace("minutes: 10", "minutes: 12"), en: Notes, zh: Notes);
        var mismatch = Loader().LoadAll(labs.Root);
        var error = Assert.Single(mismatch.Errors, e => e.File == "labs/01-plan/en.md");
        Assert.Contains("adds up to 10 minutes, but lab.yaml says minutes: 12", error.Message);

        labs.AddLab("02-plan", ValidYaml.Replace("id: test-lab", "id: plan-two"), en: Notes, zh: Notes);
        Assert.DoesNotContain(Loader().LoadAll(labs.Root).Errors, e => e.File.Contains("02-plan"));
    }

    [Theory]
    [InlineData("instructor minutes=6 optional", "instructor minutes=6")]
    [InlineData("instructor minutes=6 optional", "instructor minutes=5 optional")]
    public void En_and_zh_have_the_same_timing_plan_and_optional_steps(string en, string zh)
    {
        using var labs = new TempLabs();
        labs.AddLab("01-parity", ValidYaml, en: Notes, zh: Notes.Replace(en, zh));

        var error = Assert.Single(Loader().LoadAll(labs.Root).Errors, e => e.Message.Contains("block id=notes", StringComparison.Ordinal));
        Assert.Equal("labs/01-parity/zh.md", error.File);
        Assert.Contains($"`{zh}` block id=notes in step 1", error.Message);
        Assert.Contains($"`{en}`", error.Message);
    }

    private static LabLoader Loader() => new(new LabValidator(), NullLogger<LabLoader>.Instance);
}
