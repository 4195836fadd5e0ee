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
    /// Resets every sandbox of the class (learners without one get theirs fresh on first use anyway) and says for each
    /// learner whether it worked: one sandbox that cannot be reset does not stop the others.
    /// </summary>
    public Task<IReadOnlyList<SandboxResetOutcome>> ResetAllAsync(Guid classId, IProgress<(int Done, int Total)>? progress, CancellationToken ct) =>
        ClassroomUnavailableException.Guard(async () =>
        {
            var sandboxes = await provisioner.ListAsync(classId, ct);
            var outcomes = await provisioner.ResetManyAsync(
                sandboxes.Select(s => new LearnerRef(s.LearnerId, s.LearnerName, s.ClassId)).ToList(),
                options.Value.ResetParallelism, progress, ct);
            var failed = outcomes.Count(o => !o.Succeeded);
            if (failed == 0) logger.LogInformation("Instructor reset all {Count} sandboxes of class {Class}", outcomes.Count, classId);
            else logger.LogWarning("Instructor reset the sandboxes of class {Class}: {Reset} reset, {Failed} failed", classId, outcomes.Count - failed, failed);
            return outcomes;
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
