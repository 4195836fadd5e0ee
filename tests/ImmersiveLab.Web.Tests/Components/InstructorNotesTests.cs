using System.Security.Claims;
using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Components.Pages;
using ImmersiveLab.Web.Learners;
using ImmersiveLab.Web.Presenting;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Components;

/// <summary>
/// Instructor notes are rendered for the instructor policy only: a learner's page (normal or presenter mode) holds
/// not a word of them; the instructor sees the step's notes, the timing plan on the introduction, and in presenter
/// mode the notes beside the slide.
/// </summary>
public sealed class InstructorNotesTests : IDisposable
{
    private const string Secret = "SECRET-ANSWER-42";
    private const string PlanSecret = "PLAN-SECRET-7";
    private readonly TempDirectory _labs = new();

    public InstructorNotesTests()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_labs.Path, "01-notes")).FullName;
        File.WriteAllText(Path.Combine(folder, "lab.yaml"), """
            id: notes
            minutes: 10
            title: { en: Notes, zh: 备注 }
            summary: { en: A lab with notes., zh: 带备注的实验。 }
            """);
        File.WriteAllText(Path.Combine(folder, "en.md"),
            $"Intro.\n\n```instructor minutes=3\n{PlanSecret}: greet the class.\n```\n\n## First\n\nText.\n\n```instructor minutes=7 optional\n{Secret}: the index is **GiST**.\n```\n\n```sql id=one\nSELECT 1;\n```\n");
    }

    public void Dispose() => _labs.Dispose();

    private BunitContext Context(bool instructor) => LabUiContext.Create(_labs.Path, configure: ctx =>
    {
        var auth = ctx.AddAuthorization();
        if (instructor)
        {
            auth.SetAuthorized("instructor").SetClaims(new Claim(LearnerClaims.Instructor, "true")).SetPolicies(LabAuth.InstructorPolicy);
        }
        else
        {
            auth.SetAuthorized("Lin").SetClaims(new Claim(LearnerClaims.LearnerId, Guid.NewGuid().ToString()));
        }
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_learners_page_holds_no_word_of_the_notes_in_any_mode(bool presenter)
    {
        await using var ctx = Context(instructor: false);
        ctx.Services.GetRequiredService<PresenterMode>().Set(presenter);

        foreach (var step in new[] { 0, 1 })
        {
            var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "notes").Add(x => x.StepNumber, step));
            Assert.Contains("SELECT 1", ctx.Render<LabPage>(p => p.Add(x => x.LabId, "notes").Add(x => x.StepNumber, 1)).Markup);
            Assert.Empty(page.FindAll("[data-testid=instructor-notes]"));
            Assert.DoesNotContain(Secret, page.Markup);
            Assert.DoesNotContain(PlanSecret, page.Markup);
            Assert.DoesNotContain("GiST", page.Markup);
        }
    }

    [Fact]
    public async Task The_instructor_sees_the_steps_notes_its_minutes_and_that_it_is_optional()
    {
        await using var ctx = Context(instructor: true);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "notes").Add(x => x.StepNumber, 1));

        var notes = page.Find("[data-testid=instructor-notes]");
        Assert.Contains("<strong>GiST</strong>", notes.QuerySelector("[data-testid=instructor-note-text]")!.InnerHtml);
        Assert.Equal("7 min", notes.QuerySelector("[data-testid=instructor-minutes]")!.TextContent.Trim());
        Assert.Equal("Optional step", notes.QuerySelector("[data-testid=instructor-optional]")!.TextContent.Trim());
        Assert.DoesNotContain(PlanSecret, page.Markup); // the introduction's notes stay on the introduction
    }

    [Fact]
    public async Task On_the_introduction_the_instructor_sees_the_timing_plan()
    {
        await using var ctx = Context(instructor: true);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "notes"));

        Assert.Contains(PlanSecret, page.Find("[data-testid=instructor-note-text]").TextContent);
        var rows = page.FindAll("[data-testid=instructor-timing-plan] tr").Select(r => r.TextContent.Replace("\n", " ").Trim()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Introduction", rows[0]);
        Assert.Contains("1. First", rows[1]);
        Assert.Contains("7 min", rows[1]);
        Assert.Contains("Optional step", rows[1]);
        Assert.Contains("10 min", rows[2]);
    }

    [Fact]
    public async Task In_presenter_mode_the_notes_sit_beside_the_slide()
    {
        await using var ctx = Context(instructor: true);
        var presenter = ctx.Services.GetRequiredService<PresenterMode>();
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "notes").Add(x => x.StepNumber, 1));
        Assert.DoesNotContain("il-instructor-notes-presenter", page.Find("[data-testid=instructor-notes]").ClassName);

        presenter.Set(true);

        page.WaitForAssertion(() =>
        {
            Assert.Contains("il-instructor-notes-presenter", page.Find("[data-testid=instructor-notes]").ClassName);
            Assert.NotNull(page.Find("[data-testid=lab-step].il-slide"));
        });
    }
}
