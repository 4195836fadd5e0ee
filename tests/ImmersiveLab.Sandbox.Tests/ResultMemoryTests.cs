using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

/// <summary>
/// What a cell may keep in the app's memory: a byte budget per statement, per cell run and per learner (the results
/// their pages still show), COPY … TO STDOUT included. The fixture's limits: 4 MB a statement, 8 MB a cell, 12 MB a
/// learner, values over 64 kB cut to 100 bytes.
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class ResultMemoryTests(SandboxFixture fixture)
{
    private const long MB = 1024 * 1024;

    // 60 rows of 60 000 characters: about 3.6 MB, under the statement limit.
    private const string ThreeMegabytes = "SELECT g, repeat('x', 60000) FROM generate_series(1, 60) g";

    [Fact]
    public async Task A_cell_keeps_at_most_its_budget_and_says_which_statement_hit_it()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, string.Join(";\n", Enumerable.Repeat(ThreeMegabytes, 4)));

        Assert.True(cell.Succeeded, cell.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.InRange(cell.ResultBytes, 7 * MB, fixture.Options.MaxCellResultBytes);
        Assert.Equal(cell.ResultBytes, cell.Statements.Sum(s => s.Rows.Sum(r => Weight(r))));
        Assert.Null(cell.Statements[0].Cut);
        Assert.Null(cell.Statements[1].Cut);
        var third = cell.Statements[2];
        Assert.Equal(new ResultCut(ResultLimit.CellBytes, 8 * MB, third.Rows.Count), third.Cut);
        Assert.InRange(third.Rows.Count, 1, 59);
        Assert.Equal(60L, third.TotalRows); // the rest is counted, not kept
        Assert.Contains("this cell passed 8 MB", third.TruncationReason);
        var fourth = cell.Statements[3];
        Assert.Equal(new ResultCut(ResultLimit.CellBytes, 8 * MB, 0), fourth.Cut);
        Assert.Empty(fourth.Rows);
        Assert.Equal(60L, fourth.TotalRows);
        Assert.Contains("no rows of this statement", fourth.TruncationReason);
        Assert.Equal(7, (await fixture.RunOkAsync(me, "SELECT 7")).Rows[0][0]);
    }

    [Fact]
    public async Task Results_the_learners_pages_keep_count_and_free_their_budget_when_let_go()
    {
        var me = await fixture.NewLearnerAsync();
        var shown = fixture.KeptResults.Keep(me.Id, 10 * MB); // what their open pages still show

        var cut = (await fixture.RunOkAsync(me, ThreeMegabytes));
        Assert.Equal(ResultLimit.LearnerBytes, cut.Cut!.Limit);
        Assert.Equal(12 * MB, cut.Cut.LimitValue);
        Assert.InRange(cut.Rows.Count, 1, 59);
        Assert.Contains("Your results on screen", cut.TruncationReason);

        // Another learner's pages do not count against this one.
        var other = await fixture.NewLearnerAsync();
        Assert.Null((await fixture.RunOkAsync(other, ThreeMegabytes)).Cut);

        shown.Dispose(); // the learner left the step
        Assert.Equal(0, fixture.KeptResults.For(me.Id));
        var whole = await fixture.RunOkAsync(me, ThreeMegabytes);
        Assert.Null(whole.Cut);
        Assert.Equal(60, whole.Rows.Count);
    }

    [Fact]
    public async Task A_row_too_big_for_the_budget_is_not_read_at_all()
    {
        var me = await fixture.NewLearnerAsync();
        // One row of 70 values of 60 000 characters (4.2 MB): over the statement's 4 MB before its last value.
        var columns = string.Join(", ", Enumerable.Range(1, 70).Select(i => $"repeat('x', 60000) AS c{i}"));
        var result = await fixture.RunOkAsync(me, $"SELECT {columns} FROM generate_series(1, 3)");

        Assert.Empty(result.Rows);
        Assert.Equal(new ResultCut(ResultLimit.StatementBytes, 4 * MB, 0), result.Cut);
        Assert.Equal(3L, result.TotalRows);
    }

    [Fact]
    public async Task Copy_to_stdout_is_read_in_chunks_and_stops_at_a_100_MB_line_keeping_its_start()
    {
        var me = await fixture.NewLearnerAsync();
        // Making a 100 MB value can take the loaded server longer than the fixture's 4 s client deadline: this test is
        // about memory, so its runner waits longer.
        var runner = fixture.RunnerWith(o => o.ClientDeadline = TimeSpan.FromMinutes(2));
        await runner.RunAsync(me, "SET statement_timeout = '120s'", CancellationToken.None);
        await runner.RunAsync(me, "SELECT 1", CancellationToken.None); // warm: connection, types

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cell = await runner.RunAsync(me, "COPY (SELECT repeat('x', 1e8::int)) TO STDOUT", CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var copy = cell.Statements[0];
        Assert.Null(copy.Error);
        Assert.Equal("COPY 1+", copy.CommandTag);
        Assert.Equal(new ResultCut(ResultLimit.ValueBytes, fixture.Options.MaxValueBytes, 1), copy.Cut);
        Assert.Contains("the COPY was stopped", copy.TruncationReason);
        var line = Assert.IsType<TruncatedValue>(Assert.Single(copy.Rows)[0]);
        Assert.True(line.LengthIsMinimum);
        Assert.InRange(line.FullLength, fixture.Options.MaxValueBytes + 1, 100_000_000);
        Assert.Equal(new string('x', fixture.Options.TruncatedPrefixBytes), line.TextPrefix);
        Assert.True(cell.ResultBytes < 1024, $"kept {cell.ResultBytes} bytes");
        // Reading the line whole would allocate at least a 200 MB string (UTF-16) and the buffers that grew to it.
        Assert.True(allocated < 64 * MB, $"allocated {allocated / MB} MB while reading a 100 MB COPY line");
        Assert.Equal(7, (await fixture.RunOkAsync(me, "SELECT 7")).Rows[0][0]);
    }

    [Fact]
    public async Task Copy_to_stdout_keeps_within_the_byte_budget_and_stops_there()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "COPY (SELECT g, repeat('x', 60000) FROM generate_series(1, 200) g) TO STDOUT; SELECT 7");
        var copy = cell.Statements[0];

        Assert.Null(copy.Error);
        Assert.Equal(new ResultCut(ResultLimit.StatementBytes, 4 * MB, copy.Rows.Count), copy.Cut);
        Assert.InRange(copy.Rows.Count, 60, 70);
        Assert.Null(copy.TotalRows); // stopped there: a COPY past a byte limit is not read on
        Assert.Equal($"COPY {copy.Rows.Count + 1}+", copy.CommandTag);
        Assert.StartsWith("1\txxx", (string)copy.Rows[0][0]!);
        Assert.Equal(7, cell.Statements[1].Rows[0][0]); // the session carries on within the cell
    }

    [Fact]
    public async Task Copy_to_stdout_stops_after_counting_enough_lines_and_the_session_carries_on()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET statement_timeout = '30s'");
        // A nested loop streams (a lone generate_series would be spooled to a temporary file first).
        var cell = await fixture.RunAsync(me, "COPY (SELECT a * 10000 + b FROM generate_series(0, 999) a, generate_series(1, 10000) b) TO STDOUT");
        var copy = cell.Statements[0];

        Assert.Null(copy.Error);
        Assert.Equal(fixture.Options.MaxRows, copy.Rows.Count);
        Assert.Equal("1", copy.Rows[0][0]);
        Assert.Equal(new ResultCut(ResultLimit.RowsCounted, fixture.Options.CountRowsUpTo, fixture.Options.MaxRows), copy.Cut);
        Assert.Null(copy.TotalRows);
        Assert.Equal($"COPY {fixture.Options.CountRowsUpTo}+", copy.CommandTag);
        Assert.Equal(TransactionStatus.Idle, cell.Transaction);
        Assert.Equal(7, (await fixture.RunOkAsync(me, "SELECT 7")).Rows[0][0]);
    }

    [Fact]
    public async Task Huge_notices_and_error_messages_are_kept_only_in_part()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me,
            "DO $$ BEGIN RAISE NOTICE '%', repeat('n', 2000000); RAISE EXCEPTION '%', repeat('e', 2000000) USING DETAIL = repeat('d', 2000000); END $$");

        var statement = cell.Statements[0];
        var notice = Assert.Single(statement.Notices);
        Assert.StartsWith("nnnn", notice.Message);
        Assert.EndsWith("… (2,000,000 characters in all)", notice.Message);
        Assert.True(notice.Message.Length < 8300);
        Assert.True(statement.Error!.Message.Length < 8300);
        Assert.True(statement.Error.Detail!.Length < 8300);
        Assert.EndsWith("… (2,000,000 characters in all)", statement.Error.Detail);
    }

    private static long Weight(object?[] row) => row.Sum(v => ValueReader.Overhead + v switch
    {
        null => 0,
        int => 8,
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        _ => throw new InvalidOperationException($"unexpected {v.GetType()}"),
    });
}
