using System.Data;
using System.Diagnostics;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.Sandbox.Telemetry;
using Npgsql;
using Npgsql.PostgresTypes;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Runs one statement on a learner's connection and reads its result within the limits: the first rows are kept,
/// the rest counted up to a bound; values and the whole result have byte caps; NOTICEs are collected; a client
/// deadline stops it if the server's statement_timeout was switched off.
/// </summary>
internal sealed class StatementExecutor(SandboxOptions limits, SandboxMetrics? metrics = null)
{
    private const string WatchdogCancelMessage = "canceling statement due to user request";

    public async Task<StatementOutcome> ExecuteAsync(
        SqlSession session, NpgsqlConnection connection, string cell, SqlStatement statement, int index,
        CancellationToken runToken)
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
        try
        {
            result = IsCopy(statement, out var direction)
                ? direction == "STDIN"
                    ? result with { Error = SqlErrors.Simple(
                        "COPY … FROM STDIN needs a client that sends the data; in a cell use INSERT … VALUES, or the lab's upload button.",
                        PostgresErrorCodes.FeatureNotSupported, statement) }
                    : await CopyOutAsync(connection, statement, result, deadline.Token)
                : await QueryAsync(connection, statement, result, deadline.Token);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            cancelled = true;
            result = result with { Error = SqlErrors.Simple("Cancelled.", SqlErrors.QueryCanceled, statement) };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = result with
            {
                Error = SqlErrors.Simple(
                    $"Stopped by the lab after {limits.ClientDeadline.TotalSeconds:0} s.", SqlErrors.QueryCanceled, statement,
                    "Statements in the lab may run for a limited time. Add a LIMIT, a more selective WHERE, or an index."),
            };
        }
        catch (PostgresException e)
        {
            var error = SqlErrors.FromServer(e, cell, statement);
            if (e.SqlState == SqlErrors.QueryCanceled && e.MessageText == WatchdogCancelMessage)
                error = error with
                {
                    Message = $"Stopped by the lab's watchdog: the statement ran longer than {limits.WatchdogHardLimit.TotalSeconds:0} s.",
                    Hint = "Learners can turn statement_timeout off, but not the watchdog.",
                };
            else if (e.SqlState is PostgresErrorCodes.AdminShutdown)
                error = error with { Hint = "The lab's watchdog or an instructor ended your session; the next run starts a new one." };
            result = result with { Error = error };
        }
        catch (NpgsqlException e)
        {
            result = result with
            {
                Error = SqlErrors.Simple($"The connection to your sandbox was lost: {e.Message}", PostgresErrorCodes.ConnectionFailure, statement,
                    "Run the cell again: a new session will be opened (SET values, temp tables and open transactions are gone)."),
            };
        }
        finally
        {
            await session.PendingCancel; // never dispose a command while Npgsql is still sending its cancel
            session.CollectNotices(null);
        }
        if (session.DroppedNotices > 0)
            notices.Add(new SqlNotice("NOTICE", $"… and {session.DroppedNotices} more messages (not kept).", null, null));
        var broken = connection.FullState.HasFlag(ConnectionState.Broken) || connection.State != ConnectionState.Open;
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
        long total = 0, resultBytes = 0;
        string? truncation = null;
        var stoppedCounting = false;
        var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        try
        {
            if (reader.FieldCount > 0)
            {
                while (await reader.ReadAsync(ct))
                {
                    total++;
                    if (truncation is null && rows.Count < limits.MaxRows)
                    {
                        var (row, bytes) = await ReadRowAsync(reader, columns, ct);
                        if (resultBytes + bytes > limits.MaxResultBytes)
                            truncation = $"The result passed {limits.MaxResultBytes / (1024 * 1024)} MB; only the first {rows.Count} rows are kept.";
                        else
                        {
                            rows.Add(row);
                            resultBytes += bytes;
                        }
                        continue;
                    }
                    truncation ??= $"Only the first {limits.MaxRows} rows are kept.";
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
        var batch = cmd.Statements[0];
        var tag = stoppedCounting ? $"SELECT {total}+" : CommandTags.For(statement, batch.StatementType, batch.Rows);
        if (stoppedCounting)
            truncation = $"More than {limits.CountRowsUpTo:N0} rows: the statement was stopped; the first {rows.Count} rows are kept.";
        return result with
        {
            Columns = columns.Select(c => new ResultColumn(c.Name, c.TypeName, c.Oid)).ToList(),
            Rows = rows,
            TotalRows = columns.Count == 0 ? null : stoppedCounting ? null : total,
            Truncated = truncation is not null,
            TruncationReason = truncation,
            CommandTag = tag,
            RowsAffected = batch.StatementType is Npgsql.StatementType.Select or Npgsql.StatementType.Other ? 0 : (long)batch.Rows,
            ResultBytes = resultBytes,
        };
    }

    private async Task<(object?[] Row, long Bytes)> ReadRowAsync(NpgsqlDataReader reader, IReadOnlyList<DescribedColumn> columns, CancellationToken ct)
    {
        var row = new object?[columns.Count];
        long bytes = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var (value, size) = await ValueReader.ReadAsync(reader, i, columns[i].Kind, columns[i].TypeName, limits, ct);
            row[i] = value;
            bytes += size + 16;
        }
        return (row, bytes);
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

    private async Task<StatementResult> CopyOutAsync(NpgsqlConnection connection, SqlStatement statement, StatementResult result, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        long total = 0, bytes = 0;
        string? truncation = null;
        using (var reader = await connection.BeginTextExportAsync(statement.Text, ct))
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                total++;
                if (rows.Count < limits.MaxRows && bytes + line.Length * 2 <= limits.MaxResultBytes)
                {
                    rows.Add([line.Length > limits.MaxValueBytes ? new TruncatedValue("text", line.Length, null, line[..limits.TruncatedPrefixBytes]) : line]);
                    bytes += line.Length * 2;
                }
                else truncation ??= $"Only the first {rows.Count} lines are kept.";
            }
        }
        return result with
        {
            Columns = [new ResultColumn("copy", "text", 25)],
            Rows = rows,
            TotalRows = total,
            Truncated = truncation is not null,
            TruncationReason = truncation,
            CommandTag = $"COPY {total}",
            RowsAffected = total,
            ResultBytes = bytes,
        };
    }

    private static bool IsCopy(SqlStatement statement, out string? direction)
    {
        direction = null;
        if (statement.FirstWord != "COPY") return false;
        var scanner = new SqlScanner(statement.Text);
        while (scanner.Next() is { } token)
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
