using ImmersiveLab.Sandbox.Messages;
using System.Data;
using System.Diagnostics;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.Sandbox.Telemetry;
using Npgsql;
using Npgsql.PostgresTypes;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Runs one statement on a learner's connection and reads its result within the limits: the first rows are kept,
/// the rest counted up to a bound; values have a byte cap, and the rows kept a byte budget per statement, per cell and
/// per learner (<see cref="ResultBudget"/>); NOTICEs are collected; a client deadline stops it if the server's
/// statement_timeout was switched off.
/// </summary>
internal sealed class StatementExecutor(SandboxOptions limits, ResultBudget budget, Func<int, Task>? abandoned = null, SandboxMetrics? metrics = null)
{
    public const string WatchdogCancelMessage = "canceling statement due to user request";
    private const string ReadOnlySavepoint = "imlab_quota";

    /// <param name="readOnly">Run the statement read-only (its sandbox is over its size limit): in a transaction of its
    /// own, or a savepoint of the learner's, rolled back afterwards.</param>
    public async Task<StatementOutcome> ExecuteAsync(
        SqlSession session, NpgsqlConnection connection, string cell, SqlStatement statement, int index,
        CancellationToken runToken, ReadOnlyRun? readOnly = null)
    {
        using var span = SandboxTelemetry.Source.StartActivity(SandboxTelemetry.StatementSpan);
        var command = StatementCommand.Of(statement);
        span?.SetTag(SandboxTelemetry.CommandTag, command);
        span?.SetTag(SandboxTelemetry.StatementIndexTag, index);
        var notices = new List<SqlNotice>();
        session.CollectNotices(notices);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        deadline.CancelAfter(limits.ClientDeadline);
        var stopwatch = Stopwatch.StartNew();
        var result = new StatementResult { Index = index, Sql = statement.Text, StartLine = statement.StartLine };
        var cancelled = false;
        var pid = connection.ProcessID;
        budget.StartStatement();
        try
        {
            if (readOnly is not null)
                await ExecAsync(connection, readOnly.InBlock
                    ? $"SAVEPOINT {ReadOnlySavepoint}; SET LOCAL transaction_read_only = on"
                    : "BEGIN READ ONLY", deadline.Token);
            result = IsCopy(statement, out var direction)
                ? direction == "STDIN"
                    ? result with { Error = SqlErrors.Simple(SandboxText.Of("Run_CopyFromStdin"),
                        PostgresErrorCodes.FeatureNotSupported, statement) }
                    : await CopyOutAsync(connection, statement, result, deadline.Token)
                : await QueryAsync(connection, statement, result, deadline.Token);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            cancelled = true;
            result = result with { Error = SqlErrors.Simple(SandboxText.Of("Run_Cancelled"), SqlErrors.QueryCanceled, statement) };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = result with
            {
                Error = SqlErrors.Simple(
                    SandboxText.Of("Run_Deadline", limits.ClientDeadline.TotalSeconds), SqlErrors.QueryCanceled, statement,
                    SandboxText.Of("Run_DeadlineHint")),
            };
        }
        catch (PostgresException e) when (readOnly is not null && e.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction)
        {
            result = result with { Error = SqlErrors.Simple(readOnly.Message, PostgresErrorCodes.DiskFull, statement) with { Hint = e.MessageText } };
        }
        catch (PostgresException e)
        {
            var error = SqlErrors.FromServer(e, cell, statement);
            if (e.SqlState == SqlErrors.QueryCanceled && e.MessageText == WatchdogCancelMessage)
            {
                var said = SandboxText.Of("Run_Watchdog", limits.WatchdogHardLimit.TotalSeconds);
                var hint = SandboxText.Of("Run_WatchdogHint");
                error = error with { Message = said.English(), Text = said, Hint = hint.English(), HintText = hint };
            }
            else if (e.SqlState is PostgresErrorCodes.AdminShutdown)
            {
                var hint = SandboxText.Of("Run_SessionEndedHint");
                error = error with { Hint = hint.English(), HintText = hint };
            }
            result = result with { Error = error };
        }
        catch (NpgsqlException e)
        {
            result = result with
            {
                Error = SqlErrors.Simple(SandboxText.Of("Run_ConnectionLost", e.Message), PostgresErrorCodes.ConnectionFailure, statement,
                    SandboxText.Of("Run_ConnectionLostHint")),
            };
        }
        finally
        {
            await session.PendingCancel; // never dispose a command while Npgsql is still sending its cancel
            session.CollectNotices(null);
        }
        if (readOnly is not null) await EndReadOnlyAsync(connection, readOnly);
        if (session.DroppedNotices > 0)
            notices.Add(new SqlNotice("NOTICE", $"… and {session.DroppedNotices} more messages (not kept).", null, null));
        var broken = connection.FullState.HasFlag(ConnectionState.Broken) || connection.State != ConnectionState.Open;
        // The client gave up on the connection (a cancel the server did not honour, a lost socket): the backend may run
        // on by itself. It is ended, and this returns (freeing the run's slot) only once it is gone.
        if (broken && abandoned is not null) await abandoned(pid);
        result = result with { Notices = notices, Elapsed = stopwatch.Elapsed };
        Measure(span, command, result, cancelled);
        return new StatementOutcome(result, broken, cancelled);
    }

    private void Measure(Activity? span, string command, StatementResult result, bool cancelled)
    {
        var outcome = cancelled ? SandboxMetrics.Outcomes.Cancelled
            : result.Error is null ? SandboxMetrics.Outcomes.Ok
            : result.Error.SqlState == SqlErrors.QueryCanceled ? SandboxMetrics.Outcomes.TimedOut
            : SandboxMetrics.Outcomes.Error;
        var rows = result.TotalRows ?? (result.HasRows ? result.Rows.Count : result.RowsAffected);
        metrics?.StatementRan(command, outcome, result.Elapsed, rows, result.ResultBytes);
        if (span is null) return;
        span.SetTag(SandboxTelemetry.OutcomeTag, outcome);
        span.SetTag(SandboxTelemetry.RowsTag, rows);
        if (result.Error is { } error)
        {
            span.SetTag("db.response.status_code", error.SqlState);
            span.SetStatus(ActivityStatusCode.Error);
        }
    }

    private async Task<StatementResult> QueryAsync(NpgsqlConnection connection, SqlStatement statement, StatementResult result, CancellationToken ct)
    {
        var columns = await DescribeAsync(connection, statement.Text, ct);
        await using var cmd = new NpgsqlCommand(statement.Text, connection);
        if (columns.Count > 0) cmd.UnknownResultTypeList = columns.Select(c => c.Kind == ColumnKind.Text).ToArray();
        var rows = new List<object?[]>();
        long total = 0;
        ResultCut? cut = null;
        var stoppedCounting = false;
        var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        try
        {
            if (reader.FieldCount > 0)
            {
                while (await reader.ReadAsync(ct))
                {
                    total++;
                    if (cut is null && rows.Count < limits.MaxRows)
                    {
                        var (row, refused) = await ReadRowAsync(reader, columns, ct);
                        if (row is not null) rows.Add(row);
                        else cut = new ResultCut(refused!.Value, budget.Cap(refused.Value), rows.Count);
                        continue;
                    }
                    // Past a limit the rest is only counted: its values are skipped in the network buffer, never read.
                    cut ??= new ResultCut(ResultLimit.Rows, limits.MaxRows, rows.Count);
                    if (total >= limits.CountRowsUpTo)
                    {
                        stoppedCounting = true;
                        break;
                    }
                }
            }
            if (stoppedCounting) cmd.Cancel(); // same thread, nothing disposes concurrently
            await reader.CloseAsync();
        }
        catch (OperationCanceledException e)
        {
            // Unless the server already stopped the statement, tell it too: otherwise closing the reader would read
            // every remaining row.
            if (e.InnerException is not PostgresException) TryCancel(cmd);
            await CloseQuietlyAsync(reader);
            throw;
        }
        catch (PostgresException e) when (stoppedCounting && e.SqlState == SqlErrors.QueryCanceled)
        {
            // our own cancel after counting enough rows
        }
        finally
        {
            await reader.DisposeAsync();
        }
        // The statement's own type and row count for the command tag: NpgsqlBatch has them too, but the runner sends one
        // statement per command (the splitter's), and moving it to DbBatch is a change of its own.
#pragma warning disable CS0618 // NpgsqlCommand.Statements is obsolete in favour of DbBatch
        var batch = cmd.Statements[0];
#pragma warning restore CS0618
        var tag = stoppedCounting ? $"SELECT {total}+" : CommandTags.For(statement, batch.StatementType, batch.Rows);
        if (stoppedCounting && cut!.Limit == ResultLimit.Rows) cut = new ResultCut(ResultLimit.RowsCounted, limits.CountRowsUpTo, rows.Count);
        return (result with
        {
            Columns = columns.Select(c => new ResultColumn(c.Name, c.TypeName, c.Oid)).ToList(),
            Rows = rows,
            TotalRows = columns.Count == 0 ? null : stoppedCounting ? null : total,
            CommandTag = tag,
            RowsAffected = batch.StatementType is Npgsql.StatementType.Select or Npgsql.StatementType.Other ? 0 : (long)batch.Rows,
            ResultBytes = budget.StatementBytes,
        }).WithCut(cut);
    }

    /// <summary>Reads a row whose every value the budget has room for; else keeps none of it and names the limit.</summary>
    private async Task<(object?[]? Row, ResultLimit? Refused)> ReadRowAsync(NpgsqlDataReader reader, IReadOnlyList<DescribedColumn> columns, CancellationToken ct)
    {
        var row = new object?[columns.Count];
        long taken = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var (value, bytes, refused) = await ValueReader.ReadAsync(reader, i, columns[i].Kind, columns[i].TypeName, limits, budget, ct);
            if (refused is not null)
            {
                budget.GiveBack(taken);
                return (null, refused);
            }
            row[i] = value;
            taken += bytes;
        }
        return (row, null);
    }

    /// <summary>Asks the server for the result's columns without running the statement (Parse/Describe only),
    /// so each column can be fetched in the format that suits it.</summary>
    private static async Task<IReadOnlyList<DescribedColumn>> DescribeAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var columns = new List<DescribedColumn>();
        var unknownOids = new List<(int Index, uint Oid)>();
        await using (var describe = new NpgsqlCommand(sql, connection))
        await using (var r = await describe.ExecuteReaderAsync(CommandBehavior.SchemaOnly, ct))
        {
            for (var i = 0; i < r.FieldCount; i++)
            {
                var oid = r.GetDataTypeOID(i);
                var type = r.GetPostgresType(i);
                if (type is UnknownBackendType) unknownOids.Add((i, oid));
                columns.Add(new DescribedColumn(r.GetName(i), type.Name, oid, ColumnKinds.For(oid, type)));
            }
        }
        // Types created after the session connected (CREATE TYPE …) are not in Npgsql's cache: ask the server.
        foreach (var (i, oid) in unknownOids)
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_catalog.format_type($1, NULL)", connection);
            cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Oid, oid);
            columns[i] = columns[i] with { TypeName = await cmd.ExecuteScalarAsync(ct) as string ?? columns[i].TypeName };
        }
        return columns;
    }

    /// <summary>COPY … TO STDOUT, read in bounded chunks by <see cref="CopyOutReader"/>: one line is one row of a "copy" column.</summary>
    private async Task<StatementResult> CopyOutAsync(NpgsqlConnection connection, SqlStatement statement, StatementResult result, CancellationToken ct)
    {
        var copy = await new CopyOutReader(limits, budget).ReadAsync(connection, statement.Text, ct);
        return (result with
        {
            Columns = [new ResultColumn("copy", "text", 25)],
            Rows = copy.Rows,
            TotalRows = copy.Stopped ? null : copy.Lines,
            CommandTag = $"COPY {copy.Lines}{(copy.Stopped ? "+" : "")}",
            RowsAffected = copy.Lines,
            ResultBytes = budget.StatementBytes,
        }).WithCut(copy.Cut);
    }

    private static async Task EndReadOnlyAsync(NpgsqlConnection connection, ReadOnlyRun readOnly)
    {
        if (connection.State != ConnectionState.Open) return;
        try
        {
            await ExecAsync(connection, readOnly.InBlock
                ? $"ROLLBACK TO SAVEPOINT {ReadOnlySavepoint}; RELEASE SAVEPOINT {ReadOnlySavepoint}"
                : "ROLLBACK", CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // the connection broke: the next run reconnects
        }
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static bool IsCopy(SqlStatement statement, out string? direction)
    {
        direction = null;
        if (statement.FirstWord != "COPY") return false;
        foreach (var token in SqlLexer.Scan(statement.Text))
        {
            if (token.Kind != SqlTokenKind.Word) continue;
            var word = statement.Text[token.Start..token.End];
            if (word.Equals("STDIN", StringComparison.OrdinalIgnoreCase)) direction = "STDIN";
            else if (word.Equals("STDOUT", StringComparison.OrdinalIgnoreCase)) direction = "STDOUT";
        }
        return direction is not null;
    }

    private static void TryCancel(NpgsqlCommand cmd)
    {
        try { cmd.Cancel(); }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException) { }
    }

    private static async Task CloseQuietlyAsync(NpgsqlDataReader reader)
    {
        try { await reader.CloseAsync(); }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException) { }
    }

    private sealed record DescribedColumn(string Name, string TypeName, uint Oid, ColumnKind Kind);
}

/// <summary>How a statement runs read-only while its sandbox is over its size limit: InBlock when the learner has a
/// transaction open (a savepoint of theirs), and what they are told when it tried to write.</summary>
internal sealed record ReadOnlyRun(bool InBlock, LabMessage Message);
