using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom;

/// <summary>What the instructor does to learners' sandboxes: reset one, or all of a class. Progress always stays.</summary>
public sealed class ClassActions(LearnerDirectory learners, SandboxProvisioner provisioner, IOptions<ClassroomOptions> options, ILogger<ClassActions> logger)
{
    /// <summary>Resets the sandbox of a learner of this class (never of another class).</summary>
    public async Task ResetLearnerAsync(Guid classId, Guid learnerId, CancellationToken ct)
    {
        var learner = await learners.FindAsync(learnerId, ct);
        if (learner is null || learner.ClassId != classId) throw new ClassroomException("That learner is not in this class.");
        await provisioner.ResetAsync(learner, ct);
        logger.LogInformation("Instructor reset the sandbox of {Learner}", learner);
    }

    /// <summary>
    /// Resets every sandbox of the class (learners without one get theirs fresh on first use anyway) and says for each
    /// learner whether it worked: one sandbox that cannot be reset does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<SandboxResetOutcome>> ResetAllAsync(Guid classId, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var sandboxes = await provisioner.ListAsync(classId, ct);
        var outcomes = await provisioner.ResetManyAsync(
            sandboxes.Select(s => new LearnerRef(s.LearnerId, s.LearnerName, s.ClassId)).ToList(),
            options.Value.ResetParallelism, progress, ct);
        var failed = outcomes.Count(o => !o.Succeeded);
        if (failed == 0) logger.LogInformation("Instructor reset all {Count} sandboxes of class {Class}", outcomes.Count, classId);
        else logger.LogWarning("Instructor reset the sandboxes of class {Class}: {Reset} reset, {Failed} failed", classId, outcomes.Count - failed, failed);
        return outcomes;
    }
}
