namespace ImmersiveLab.Workbook.Tests;

[Collection(nameof(WorkbookCollection))]
public sealed class CellEditStoreTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task An_edit_is_kept_per_learner_and_cell_and_replaced_by_the_next()
    {
        var store = fixture.Get<CellEditStore>();
        var alice = await fixture.NewLearnerIdAsync();
        var bob = await fixture.NewLearnerIdAsync();

        await store.SaveAsync(alice, "welcome", "edit-me", "SELECT 1;", "SELECT 6 * 7;", Ct);
        await store.SaveAsync(alice, "welcome", "edit-me", "SELECT 2;", "SELECT 6 * 7;", Ct);
        await store.SaveAsync(alice, "welcome", "notes", "CREATE TABLE notes ();", "", Ct);

        Assert.Equal("SELECT 2;", await store.GetAsync(alice, "welcome", "edit-me", Ct));
        Assert.Null(await store.GetAsync(bob, "welcome", "edit-me", Ct));
        var all = await store.GetLabAsync(alice, "welcome", Ct);
        Assert.Equal(2, all.Count);
        Assert.Equal("CREATE TABLE notes ();", all["notes"]);
    }

    [Fact]
    public async Task Saving_the_original_text_or_resetting_forgets_the_edit()
    {
        var store = fixture.Get<CellEditStore>();
        var learner = await fixture.NewLearnerIdAsync();
        await store.SaveAsync(learner, "welcome", "edit-me", "SELECT 1;", "SELECT 6 * 7;", Ct);

        await store.SaveAsync(learner, "welcome", "edit-me", "SELECT 6 * 7;\r\n", "SELECT 6 * 7;", Ct);
        Assert.Null(await store.GetAsync(learner, "welcome", "edit-me", Ct));

        await store.SaveAsync(learner, "welcome", "edit-me", "SELECT 1;", "SELECT 6 * 7;", Ct);
        await store.DeleteAsync(learner, "welcome", "edit-me", Ct);
        Assert.Null(await store.GetAsync(learner, "welcome", "edit-me", Ct));
    }

    [Fact]
    public async Task An_oversized_edit_is_refused_with_its_size()
    {
        var store = fixture.Get<CellEditStore>();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SaveAsync(Guid.NewGuid(), "welcome", "edit-me", new string('x', 100_001), "", Ct));
        Assert.Contains("100,001", e.Message);
    }
}
