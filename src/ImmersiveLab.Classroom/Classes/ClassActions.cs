using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom;

/// <summary>
/// What the instructor does to the learners of a class: reset one sandbox or all (progress always stays), or remove a
/// learner. "Reset all" goes on past a sandbox that fails and says per learner what happened.
/// </summary>
public sealed class ClassActions(LabServer server, LearnerDirectory learners, SandboxProvisioner provisioner, IOptions<ClassroomOptions> options, ILogger<ClassActions> logger)
{
    /// <summary>Resets the sandbox of a learner of this class (never of another class).</summary>
    public Task ResetLearnerAsync(Guid classId, Guid learnerId, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        var learner = await InClassAsync(classId, learnerId, ct);
        await provisioner.ResetAsync(learner, ct);
        logger.LogInformation("Instructor reset the sandbox of {Learner}", learner);
    });

    /// <summary>
    /// Resets every sandbox of the class (learners without one get theirs fresh on first use anyway), a few at a time.
    /// One that fails (its server is gone, the learner made it undroppable…) is reported and the others go on.
    /// </summary>
    public Task<IReadOnlyList<LearnerResetOutcome>> ResetAllAsync(Guid classId, IProgress<(int Done, int Total)>? progress, CancellationToken ct) =>
        ClassroomUnavailableException.Guard(async () =>
        {
            var sandboxes = await provisioner.ListAsync(classId, ct);
            var outcomes = new LearnerResetOutcome[sandboxes.Count];
            var done = 0;
            progress?.Report((0, sandboxes.Count));
            await Parallel.ForEachAsync(Enumerable.Range(0, sandboxes.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ResetParallelism), CancellationToken = ct },
                async (i, token) =>
                {
                    var s = sandboxes[i];
                    string? error = null;
                    try
                    {
                        await provisioner.ResetAsync(new LearnerRef(s.LearnerId, s.LearnerName, s.ClassId), token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        logger.LogWarning("Reset all: the sandbox of {Learner} could not be reset: {Message}", s.LearnerName, e.Message);
                        error = e.Message;
                    }
                    outcomes[i] = new LearnerResetOutcome(s.LearnerId, s.LearnerName, error);
                    progress?.Report((Interlocked.Increment(ref done), sandboxes.Count));
                });
            logger.LogInformation("Instructor reset {Reset} of {Count} sandboxes of class {Class}", outcomes.Count(o => o.Succeeded), outcomes.Length, classId);
            return (IReadOnlyList<LearnerResetOutcome>)outcomes;
        });

    /// <summary>
    /// Removes a learner from the class: their sign-in stops working, their name is free again, their progress is
    /// deleted and their sandbox dropped (when that fails, maintenance drops it later as an orphan).
    /// </summary>
    public Task RemoveLearnerAsync(Guid classId, Guid learnerId, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        var learner = await InClassAsync(classId, learnerId, ct);
        try
        {
            await provisioner.DropAsync(learner.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Removing {Learner}: their sandbox could not be dropped now ({Message}); maintenance drops it later", learner, e.Message);
        }
        await using var cmd = server.Metadata.CreateCommand("DELETE FROM learners WHERE id = $1 AND class_id = $2");
        cmd.Parameters.AddWithValue(learner.Id);
        cmd.Parameters.AddWithValue(classId);
        await cmd.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Instructor removed {Learner} from class {Class}", learner, classId);
    });

    private async Task<LearnerRef> InClassAsync(Guid classId, Guid learnerId, CancellationToken ct)
    {
        var learner = await learners.FindAsync(learnerId, ct);
        return learner is not null && learner.ClassId == classId ? learner : throw new ClassroomException("That learner is not in this class.");
    }
}
