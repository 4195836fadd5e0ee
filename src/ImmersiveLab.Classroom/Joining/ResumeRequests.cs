using System.Security.Cryptography;
using System.Text;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>A browser's request to continue as a learner, as the browser keeps it (the secret is only in its cookie).</summary>
public sealed record ResumeTicket(Guid Id, string Secret, string Tag)
{
    /// <summary>"id.secret", the cookie's value.</summary>
    public override string ToString() => $"{Id:N}.{Secret}";

    public static ResumeTicket? Parse(string? value) =>
        value?.Split('.') is [var id, var secret] && Guid.TryParseExact(id, "N", out var guid) && secret.Length > 0 ? new ResumeTicket(guid, secret, "") : null;
}

/// <summary>What <see cref="ResumeRequests.CreateAsync"/> did: a ticket for the browser, or why not.</summary>
public sealed record ResumeRequestOutcome(ResumeTicket? Ticket, JoinRefusal? Refusal);

/// <summary>A request waiting on the dashboard. <see cref="Tag"/> is also shown to the person who asked, so the
/// instructor can check they let in the one in front of them.</summary>
public sealed record PendingResume(Guid Id, Guid LearnerId, string LearnerName, string Tag, string? Client, DateTime CreatedAtUtc);

public enum ResumeState
{
    /// <summary>No such request for this browser (never made, redeemed already, or the secret does not match).</summary>
    Unknown,
    Waiting,
    Refused,
    Expired,
    Approved,
}

/// <summary>Where a browser's request stands; when approved (and so redeemed now), the learner and their new resume code.</summary>
public sealed record ResumeRedemption(ResumeState State, string? Tag = null, string? LearnerName = null, LearnerRef? Learner = null, ClassInfo? Class = null, string? ResumeCode = null);

/// <summary>
/// The other way back into a class for a learner who lost their resume code: from the new browser they ask to continue
/// under their name; the request waits on the instructor's dashboard with a short tag both sides see; the instructor
/// lets them in or refuses. An approved request is redeemed once, by the browser that holds its secret, and gives the
/// learner a new resume code (the old one stops working). Requests expire after
/// <see cref="ClassroomOptions.ResumeRequestLifetime"/>; at most <see cref="MaxWaitingPerLearner"/> wait per learner.
/// </summary>
public sealed class ResumeRequests(LabServer server, ClassStore classes, IOptions<ClassroomOptions> options, ILogger<ResumeRequests> logger)
{
    public const int MaxWaitingPerLearner = 3;
    private const string TagAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private TimeSpan Lifetime => options.Value.ResumeRequestLifetime;

    public Task<ResumeRequestOutcome> CreateAsync(string code, string name, string? client, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        if (LearnerName.Normalize(name) is not { } normalized) return new ResumeRequestOutcome(null, JoinRefusal.InvalidName);
        if (await classes.FindByCodeAsync(code ?? "", ct) is not { IsOpen: true } cls) return new ResumeRequestOutcome(null, JoinRefusal.NotAdmitted);

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var tag = RandomNumberGenerator.GetString(TagAlphabet, 4);
        await using var cmd = server.Metadata.CreateCommand("""
            WITH learner AS (
                SELECT id FROM learners WHERE class_id = $1 AND lower(name) = lower($2) ORDER BY name = $2 DESC, created_at LIMIT 1
            ), waiting AS (
                SELECT count(*) AS n FROM resume_requests r JOIN learner l ON l.id = r.learner_id
                WHERE r.decided_at IS NULL AND r.created_at > now() - $6
            )
            INSERT INTO resume_requests (learner_id, secret_hash, tag, client)
            SELECT l.id, $3, $4, $5 FROM learner l, waiting w WHERE w.n < $7
            RETURNING id
            """);
        cmd.Parameters.AddWithValue(cls.Id);
        cmd.Parameters.AddWithValue(normalized);
        cmd.Parameters.AddWithValue(HashSecret(secret));
        cmd.Parameters.AddWithValue(tag);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)client ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(Lifetime);
        cmd.Parameters.AddWithValue(MaxWaitingPerLearner);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (await r.ReadAsync(ct))
        {
            logger.LogInformation("A browser asks to continue as {Name} in class {Class} (request {Tag})", normalized, cls.Code, tag);
            return new ResumeRequestOutcome(new ResumeTicket(r.GetGuid(0), secret, tag), null);
        }
        // No row: either nobody has the name, or enough requests wait already.
        await r.DisposeAsync();
        await using var exists = server.Metadata.CreateCommand("SELECT EXISTS (SELECT 1 FROM learners WHERE class_id = $1 AND lower(name) = lower($2))");
        exists.Parameters.AddWithValue(cls.Id);
        exists.Parameters.AddWithValue(normalized);
        return new ResumeRequestOutcome(null, (bool)(await exists.ExecuteScalarAsync(ct))! ? JoinRefusal.RequestsWaiting : JoinRefusal.UnknownName);
    });

    /// <summary>Requests of the class waiting for the instructor, oldest first.</summary>
    public Task<IReadOnlyList<PendingResume>> PendingAsync(Guid classId, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand("""
            SELECT r.id, l.id, l.name, r.tag, r.client, r.created_at
            FROM resume_requests r JOIN learners l ON l.id = r.learner_id
            WHERE l.class_id = $1 AND r.decided_at IS NULL AND r.created_at > now() - $2
            ORDER BY r.created_at
            """);
        cmd.Parameters.AddWithValue(classId);
        cmd.Parameters.AddWithValue(Lifetime);
        var list = new List<PendingResume>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new PendingResume(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc)));
        return (IReadOnlyList<PendingResume>)list;
    });

    /// <summary>The instructor lets the request's browser in, or refuses it (only requests of this class, once).</summary>
    public Task DecideAsync(Guid classId, Guid requestId, bool approve, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand("""
            UPDATE resume_requests r SET decided_at = now(), approved = $3
            FROM learners l
            WHERE r.id = $2 AND l.id = r.learner_id AND l.class_id = $1 AND r.decided_at IS NULL AND r.created_at > now() - $4
            RETURNING l.name, r.tag
            """);
        cmd.Parameters.AddWithValue(classId);
        cmd.Parameters.AddWithValue(requestId);
        cmd.Parameters.AddWithValue(approve);
        cmd.Parameters.AddWithValue(Lifetime);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new ClassroomException("That request is no longer waiting (it was decided, or it expired).");
        logger.LogInformation("Instructor {Decision} request {Tag} to continue as {Name}", approve ? "approved" : "refused", r.GetString(1), r.GetString(0));
    });

    /// <summary>
    /// Where the request of <paramref name="ticket"/> stands. An approved one is redeemed now (once): the learner gets a
    /// new resume code, returned here for the browser's cookie and shown to them.
    /// </summary>
    public Task<ResumeRedemption> RedeemAsync(ResumeTicket ticket, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var conn = await server.Metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Guid learnerId, classId;
        string tag, name;
        await using (var read = new NpgsqlCommand("""
            SELECT r.secret_hash, r.tag, r.approved, r.redeemed_at IS NOT NULL, r.created_at <= now() - $2, l.id, l.name,
                   l.class_id, c.closed_at IS NULL
            FROM resume_requests r JOIN learners l ON l.id = r.learner_id JOIN classes c ON c.id = l.class_id
            WHERE r.id = $1
            FOR UPDATE OF r
            """, conn, tx))
        {
            read.Parameters.AddWithValue(ticket.Id);
            read.Parameters.AddWithValue(Lifetime);
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct) || !CryptographicOperations.FixedTimeEquals((byte[])r[0], HashSecret(ticket.Secret)) || r.GetBoolean(3))
                return new ResumeRedemption(ResumeState.Unknown);
            (tag, learnerId, name, classId) = (r.GetString(1), r.GetGuid(5), r.GetString(6), r.GetGuid(7));
            bool? approved = r.IsDBNull(2) ? null : r.GetBoolean(2);
            if (approved == false || !r.GetBoolean(8)) return new ResumeRedemption(ResumeState.Refused, tag, name);
            if (r.GetBoolean(4)) return new ResumeRedemption(ResumeState.Expired, tag, name);
            if (approved is null) return new ResumeRedemption(ResumeState.Waiting, tag, name);
        }
        var code = ResumeCode.Generate();
        await using (var redeem = new NpgsqlBatch(conn, tx))
        {
            redeem.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE resume_requests SET redeemed_at = now() WHERE id = $1") { Parameters = { new() { Value = ticket.Id } } });
            redeem.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE learners SET resume_code_hash = $1, last_seen_at = now() WHERE id = $2")
            {
                Parameters = { new() { Value = ResumeCode.Hash(code) }, new() { Value = learnerId } },
            });
            await redeem.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        var cls = (await classes.GetAsync(classId, ct))!;
        logger.LogInformation("{Name} continues in class {Class} from a new browser (request {Tag})", name, cls.Code, tag);
        return new ResumeRedemption(ResumeState.Approved, tag, name, new LearnerRef(learnerId, name, cls.Id), cls, code);
    });

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
