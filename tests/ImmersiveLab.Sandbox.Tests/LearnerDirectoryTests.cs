using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class LearnerDirectoryTests(SandboxFixture fixture)
{
    [Fact]
    public async Task The_solo_learner_is_created_once()
    {
        var first = await fixture.Learners.GetOrCreateSoloAsync(CancellationToken.None);
        var again = await fixture.Learners.GetOrCreateSoloAsync(CancellationToken.None);
        Assert.Equal(first, again);
        Assert.True(first.IsSolo);
        Assert.Equal("me", first.Name);
    }

    [Fact]
    public async Task Class_learners_are_unique_by_class_and_name_and_separate_from_solo_ones()
    {
        var classId = (Guid)(await fixture.MetadataScalarAsync(
            "INSERT INTO classes (name, code) VALUES ('Intro', $1) RETURNING id", "C" + Guid.NewGuid().ToString("N")[..6]))!;
        var code = (string)(await fixture.MetadataScalarAsync("SELECT code FROM classes WHERE id = $1", classId))!;
        Assert.Equal(classId, await fixture.Learners.FindClassIdByCodeAsync(code.ToLowerInvariant(), CancellationToken.None));

        var ada = await fixture.Learners.GetOrCreateAsync("  Ada   Lovelace ", classId, CancellationToken.None);
        Assert.Equal("Ada Lovelace", ada.Name);
        Assert.Equal(ada, await fixture.Learners.GetOrCreateAsync("Ada Lovelace", classId, CancellationToken.None)); // rejoining
        var solo = await fixture.Learners.GetOrCreateAsync("Ada Lovelace", null, CancellationToken.None);
        Assert.NotEqual(ada.Id, solo.Id);
        Assert.Equal(ada, await fixture.Learners.FindByNameAsync("Ada Lovelace", classId, CancellationToken.None));
        Assert.Equal(solo, await fixture.Learners.FindAsync(solo.Id, CancellationToken.None));
        Assert.Null(await fixture.Learners.FindByNameAsync("Nobody", classId, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tin\u0007name")]
    public void Bad_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => LearnerDirectory.NormalizeName(name));
        Assert.Throws<ArgumentException>(() => LearnerDirectory.NormalizeName(new string('x', 65)));
    }
}
