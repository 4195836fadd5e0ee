using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class LargeObjectStoreTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Uploads_become_large_objects_of_the_learners_role_and_read_back_capped()
    {
        var me = await fixture.NewLearnerAsync();
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var oid = await fixture.LargeObjects.ImportAsync(me, bytes, CancellationToken.None);
        var owner = await fixture.RunOkAsync(me, $"SELECT pg_get_userbyid(lomowner)::text = current_user, length(lo_get({oid})) FROM pg_largeobject_metadata WHERE oid = {oid}");
        Assert.Equal(true, owner.Rows[0][0]);
        Assert.Equal(5000, owner.Rows[0][1]);

        var whole = await fixture.LargeObjects.ReadAsync(me, oid, 10_000, CancellationToken.None);
        Assert.Equal(bytes, whole.Bytes);
        Assert.False(whole.Truncated);
        var part = await fixture.LargeObjects.ReadAsync(me, oid, 100, CancellationToken.None);
        Assert.Equal(bytes[..100], part.Bytes);
        Assert.True(part.Truncated);
    }

    [Fact]
    public async Task Bytes_go_into_a_bytea_column_of_the_learners_table()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE photos (name text, data bytea)");
        var n = await fixture.LargeObjects.InsertRowAsync(me, "photos",
            new Dictionary<string, object?> { ["name"] = "cat.jpg", ["data"] = new byte[] { 0xFF, 0xD8, 0xFF } }, CancellationToken.None);
        Assert.Equal(1, n);
        var row = await fixture.RunOkAsync(me, "SELECT name, data FROM photos");
        Assert.Equal("cat.jpg", row.Rows[0][0]);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, row.Rows[0][1]);
    }

    [Fact]
    public async Task An_upload_inside_an_open_transaction_is_rolled_back_with_it()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "BEGIN");
        var oid = await fixture.LargeObjects.ImportAsync(me, new byte[] { 1 }, CancellationToken.None);
        Assert.Equal(TransactionStatus.InTransaction, fixture.Sessions.GetState(me.Id)!.Transaction);
        await fixture.RunOkAsync(me, "ROLLBACK");
        var e = await Assert.ThrowsAsync<SandboxSqlException>(() => fixture.LargeObjects.ReadAsync(me, oid, 10, CancellationToken.None));
        Assert.Equal("42704", e.Error.SqlState);
    }

    [Fact]
    public async Task Reading_for_the_result_view_finds_own_objects_and_never_breaks_an_open_transaction()
    {
        var me = await fixture.NewLearnerAsync();
        var oid = await fixture.LargeObjects.ImportAsync(me, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, CancellationToken.None);
        await fixture.RunOkAsync(me, "BEGIN");
        await fixture.RunOkAsync(me, "CREATE TABLE kept_in_tx (x int)");

        var head = await fixture.LargeObjects.TryReadAsync(me, oid, 3, CancellationToken.None);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, head!.Bytes);
        Assert.True(head.Truncated);
        // An oid that is no large object (a catalog row's) is simply no picture: no error, the transaction goes on.
        var classOid = (uint)(await fixture.RunOkAsync(me, "SELECT 'pg_class'::regclass::oid")).Rows[0][0]!;
        Assert.Null(await fixture.LargeObjects.TryReadAsync(me, classOid, 16, CancellationToken.None));
        Assert.Equal(TransactionStatus.InTransaction, fixture.Sessions.GetState(me.Id)!.Transaction);
        await fixture.RunOkAsync(me, "COMMIT");
        await fixture.RunOkAsync(me, "SELECT count(*) FROM kept_in_tx");

        // Another learner's oid is not theirs to read, even if the number is known.
        var other = await fixture.NewLearnerAsync();
        Assert.Null(await fixture.LargeObjects.TryReadAsync(other, oid, 16, CancellationToken.None));
    }

    [Fact]
    public async Task Errors_name_the_problem_and_uploads_over_the_limit_are_refused()
    {
        var me = await fixture.NewLearnerAsync();
        var missing = await Assert.ThrowsAsync<SandboxSqlException>(() => fixture.LargeObjects.InsertRowAsync(me, "no_such_table",
            new Dictionary<string, object?> { ["x"] = 1 }, CancellationToken.None));
        Assert.Equal("42P01", missing.Error.SqlState);
        var big = new byte[fixture.Options.MaxUploadBytes + 1];
        var tooBig = await Assert.ThrowsAsync<SandboxSqlException>(() => fixture.LargeObjects.ImportAsync(me, big, CancellationToken.None));
        Assert.Equal("54000", tooBig.Error.SqlState);
    }
}
