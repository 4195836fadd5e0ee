using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Sandbox.Sessions;

/// <summary>Why a side read did not run; <see cref="SessionReadOutcome.Done"/> when it did.</summary>
public enum SessionReadOutcome
{
    Done,
    /// <summary>A cell of the learner's is running or waiting: the read does not queue behind it.</summary>
    Busy,
    /// <summary>The learner has a transaction open (or failed): reading would keep it alive past its idle timeout.</summary>
    InTransaction,
    /// <summary>No free slot, or the read itself, within the caller's time.</summary>
    TimedOut,
    /// <summary>The sandbox could not be reached, or the read failed.</summary>
    Failed,
}

public sealed record SessionRead<T>(SessionReadOutcome Outcome, T? Value, string? Reason = null)
{
    public bool Succeeded => Outcome == SessionReadOutcome.Done;
}

/// <summary>
/// Reads on the learner's own session connection on behalf of the lab (not of a cell), e.g. the SQL editor's look at
/// the catalog: as the learner's role, seeing their search_path and temp tables, through the same admission as their
/// runs. A read never waits behind the learner's cell and never touches an open transaction of theirs; it must only
/// read (it runs in its own implicit transaction). Session state lost before a read is still reported by the next run.
/// </summary>
public sealed class SessionReader(SessionRegistry sessions, RunAdmission admission, LabServer server, ILogger<SessionReader> logger)
{
    public async Task<SessionRead<T>> ReadAsync<T>(Guid learnerId, Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        SqlSession.RunScope? scope;
        try
        {
            scope = await sessions.GetOrCreate(learnerId).TryBeginRunAsync();
        }
        catch (ObjectDisposedException)
        {
            scope = null;
        }
        if (scope is null) return new(SessionReadOutcome.Busy, default);

        await using (scope)
        {
            var session = scope.Session;
            if (session.IsConnected && session.Transaction != TransactionStatus.Idle)
                return new(SessionReadOutcome.InTransaction, default);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, scope.Token);
            var token = linked.Token;
            IDisposable slot;
            try
            {
                slot = await admission.EnterAsync(null, token);
            }
            catch (Exception e) when (e is OperationCanceledException or RunQueueTimeoutException)
            {
                return new(SessionReadOutcome.TimedOut, default, "no free slot");
            }
            using (slot)
            {
                try
                {
                    var (connection, wasReset) = await session.GetConnectionAsync(token, sideRead: true);
                    if (wasReset) server.ClearPools();
                    return new(SessionReadOutcome.Done, await read(connection, token));
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return new(SessionReadOutcome.TimedOut, default, "the read took too long");
                }
                catch (PostgresException e)
                {
                    // The learner's own settings can make a read fail (statement_timeout = 1, say): theirs to keep.
                    logger.LogDebug("A side read in the session of learner {Learner} failed: {Message}", learnerId, e.MessageText);
                    return new(SessionReadOutcome.Failed, default, e.MessageText);
                }
                catch (Exception e) when (e is NpgsqlException or LabUnavailableException or InvalidOperationException)
                {
                    logger.LogDebug(e, "A side read could not use the session of learner {Learner}", learnerId);
                    if (e is NpgsqlException && session.IsConnected is false) await session.MarkBrokenAsync();
                    return new(SessionReadOutcome.Failed, default, e.Message);
                }
            }
        }
    }
}
