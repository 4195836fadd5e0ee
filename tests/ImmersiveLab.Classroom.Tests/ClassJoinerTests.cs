using ImmersiveLab.Database;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassJoinerTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_first_join_gets_a_resume_code_and_only_that_code_brings_the_learner_back()
    {
        var cls = await fx.NewClassAsync();
        var first = await fx.Joiner.JoinAsync(cls.Code, "  Ada   Lovelace ", Ct);
        Assert.True(first.Joined);
        Assert.False(first.Rejoined);
        Assert.Equal("Ada Lovelace", first.Learner!.Name);
        Assert.Equal(cls.Id, first.Learner.ClassId);
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", first.ResumeCode);

        // Another browser, same code and name, no resume code: told the name is taken, and is nobody.
        var impostor = await fx.Joiner.JoinAsync(cls.Code, "Ada Lovelace", Ct);
        Assert.False(impostor.Joined);
        Assert.Equal(JoinRefusal.NameTaken, impostor.Refusal);
        Assert.Null(impostor.Learner);
        var wrong = await fx.Joiner.JoinAsync(cls.Code, "Ada Lovelace", ResumeCode.Generate(), Ct);
        Assert.Equal(JoinRefusal.WrongResumeCode, wrong.Refusal);
        Assert.Null(wrong.Learner);

        // With the code (however typed) it is Ada again, with her sandbox and progress.
        var again = await fx.Joiner.JoinAsync(cls.Code.ToLowerInvariant(), "Ada Lovelace", first.ResumeCode!.ToLowerInvariant().Replace("-", " "), Ct);
        Assert.True(again.Rejoined);
        Assert.Equal(first.Learner.Id, again.Learner!.Id);
        Assert.Equal(first.ResumeCode, again.ResumeCode);
        Assert.Equal(1, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);

        var other = await fx.Joiner.JoinAsync(cls.Code, "Grace", Ct);
        Assert.NotEqual(first.Learner.Id, other.Learner!.Id);
        Assert.NotEqual(first.ResumeCode, other.ResumeCode);
        Assert.Equal(JoinRefusal.WrongResumeCode, (await fx.Joiner.JoinAsync(cls.Code, "Ada Lovelace", other.ResumeCode, Ct)).Refusal);
    }

    [Theory]
    [InlineData("Alice\u200B Web")] // the review's zero-width space
    [InlineData("\u202EAlice Web")]
    [InlineData("alice web")]
    [InlineData("ALICE  WEB ")]
    public async Task A_name_that_only_differs_by_invisible_characters_case_or_spacing_is_taken(string lookAlike)
    {
        var cls = await fx.NewClassAsync();
        var alice = await fx.JoinAsync(cls, "Alice Web");
        var outcome = await fx.Joiner.JoinAsync(cls.Code, lookAlike, Ct);
        Assert.Equal(JoinRefusal.NameTaken, outcome.Refusal);
        Assert.Contains("Alice Web", outcome.Message);
        Assert.Equal(1, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);
        _ = alice;
    }

    [Fact]
    public async Task The_stored_name_has_no_invisible_characters()
    {
        var cls = await fx.NewClassAsync();
        var learner = await fx.JoinAsync(cls, "\u200BBo\u200Db\u202C");
        Assert.Equal("Bob", learner.Name);
        await using var cmd = fx.Server.Metadata.CreateCommand("SELECT name FROM learners WHERE id = $1");
        cmd.Parameters.AddWithValue(learner.Id);
        Assert.Equal("Bob", await cmd.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Only_a_hash_of_the_resume_code_is_stored()
    {
        var cls = await fx.NewClassAsync();
        var joined = await fx.Joiner.JoinAsync(cls.Code, "Hashed", Ct);
        await using var cmd = fx.Server.Metadata.CreateCommand("SELECT resume_code_hash FROM learners WHERE id = $1");
        cmd.Parameters.AddWithValue(joined.Learner!.Id);
        var stored = (string)(await cmd.ExecuteScalarAsync(Ct))!;
        Assert.DoesNotContain(ResumeCode.Normalize(joined.ResumeCode), stored);
        Assert.DoesNotContain(joined.ResumeCode!, stored);
        Assert.True(ResumeCode.Matches(joined.ResumeCode, stored));
    }

    [Fact]
    public async Task A_resume_code_with_a_name_nobody_has_is_a_typo_not_a_new_learner()
    {
        var cls = await fx.NewClassAsync();
        var ada = await fx.Joiner.JoinAsync(cls.Code, "Ada", Ct);
        var typo = await fx.Joiner.JoinAsync(cls.Code, "Adda", ada.ResumeCode, Ct);
        Assert.Equal(JoinRefusal.UnknownName, typo.Refusal);
        Assert.Equal(1, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);
    }

    [Fact]
    public async Task The_same_name_in_another_class_is_another_learner()
    {
        var a = await fx.NewClassAsync();
        var b = await fx.NewClassAsync();
        Assert.NotEqual((await fx.JoinAsync(a, "Sam")).Id, (await fx.JoinAsync(b, "Sam")).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B")]
    [InlineData("bell\u0007")]
    public async Task Bad_names_are_refused(string name)
    {
        var cls = await fx.NewClassAsync();
        var outcome = await fx.Joiner.JoinAsync(cls.Code, name, Ct);
        Assert.False(outcome.Joined);
        Assert.Equal(JoinRefusal.InvalidName, outcome.Refusal);
    }

    [Fact]
    public async Task A_name_of_65_characters_is_refused()
    {
        var cls = await fx.NewClassAsync();
        Assert.Equal(JoinRefusal.InvalidName, (await fx.Joiner.JoinAsync(cls.Code, new string('x', 65), Ct)).Refusal);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, new string('x', 64), Ct)).Joined);
    }

    [Fact]
    public async Task A_stranger_gets_one_answer_for_a_wrong_code_an_ended_class_a_full_one_and_one_closed_to_new_names()
    {
        var wrongCode = await fx.Joiner.JoinAsync("NQ-" + ClassCode.Generate(), "x", Ct);
        var emptyCode = await fx.Joiner.JoinAsync("", "x", Ct);

        var ended = await fx.NewClassAsync();
        var early = await fx.JoinAsync(ended, "Early");
        await fx.Classes.CloseAsync(ended.Id, Ct);
        var late = await fx.Joiner.JoinAsync(ended.Code, "Late", Ct);
        Assert.Null(await fx.Joiner.ValidateAsync(early.Id, Ct)); // their cookie stops working
        await fx.Classes.ReopenAsync(ended.Id, Ct);
        Assert.NotNull(await fx.Joiner.ValidateAsync(early.Id, Ct));

        var full = await fx.NewClassAsync(max: 1);
        await fx.JoinAsync(full, "one");
        var noRoom = await fx.Joiner.JoinAsync(full.Code, "two", Ct);

        var locked = await fx.NewClassAsync();
        await fx.Classes.SetAdmitsNewLearnersAsync(locked.Id, false, Ct);
        var notNew = await fx.Joiner.JoinAsync(locked.Code, "newcomer", Ct);

        foreach (var refused in new[] { wrongCode, emptyCode, late, noRoom, notNew })
        {
            Assert.Equal(JoinRefusal.NotAdmitted, refused.Refusal);
            Assert.Equal(ClassJoiner.NotAdmittedMessage, refused.Message);
            Assert.Null(refused.Class); // nothing about the class either
        }
    }

    [Fact]
    public async Task A_full_class_and_one_closed_to_new_names_let_their_own_learners_back_with_their_code()
    {
        var cls = await fx.NewClassAsync(max: 2);
        var one = await fx.Joiner.JoinAsync(cls.Code, "one", Ct);
        await fx.JoinAsync(cls, "two");
        Assert.Equal(JoinRefusal.NotAdmitted, (await fx.Joiner.JoinAsync(cls.Code, "three", Ct)).Refusal);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, "one", one.ResumeCode, Ct)).Rejoined);

        var closedToNew = await fx.Classes.SetAdmitsNewLearnersAsync(cls.Id, false, Ct);
        Assert.False(closedToNew.AdmitsNewLearners);
        Assert.True(closedToNew.Revision > cls.Revision);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, "one", one.ResumeCode, Ct)).Rejoined);
        Assert.True((await fx.Classes.SetAdmitsNewLearnersAsync(cls.Id, true, Ct)).AdmitsNewLearners);
    }

    [Fact]
    public async Task Joins_at_the_same_moment_never_pass_the_limit_nor_share_a_name()
    {
        var cls = await fx.NewClassAsync(max: 5);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => fx.Joiner.JoinAsync(cls.Code, $"learner {i}", Ct)));
        Assert.Equal(5, outcomes.Count(o => o.Joined));
        Assert.Equal(15, outcomes.Count(o => o.Refusal == JoinRefusal.NotAdmitted));
        Assert.Equal(5, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);

        var same = await fx.NewClassAsync();
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fx.Joiner.JoinAsync(same.Code, "Twin", Ct)));
        Assert.Single(racing, o => o.Joined);
        Assert.Equal(7, racing.Count(o => o.Refusal == JoinRefusal.NameTaken));
    }

    [Fact]
    public async Task A_solo_learner_is_no_class_learner()
    {
        var solo = await fx.Get<ImmersiveLab.Sandbox.Learners.LearnerDirectory>().GetOrCreateAsync("solo-" + Guid.NewGuid().ToString("N")[..8], null, Ct);
        Assert.Null(await fx.Joiner.ValidateAsync(solo.Id, Ct));
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_a_classroom_error_not_an_npgsql_one()
    {
        // A server that is not started: the joiner says the database is unavailable, in its own words.
        // (Never disposed: disposing a LabServer stops the embedded cluster it shares with the fixture.)
        var stopped = ActivatorUtilities.CreateInstance<LabServer>(fx.Services);
        var joiner = ActivatorUtilities.CreateInstance<ClassJoiner>(fx.Services, stopped, ActivatorUtilities.CreateInstance<ClassStore>(fx.Services, stopped));
        var e = await Assert.ThrowsAsync<ClassroomUnavailableException>(() => joiner.JoinAsync("ABCDEF", "x", Ct));
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }
}
