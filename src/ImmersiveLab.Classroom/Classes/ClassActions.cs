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

    /// <summary>Resets every sandbox of the class (learners without one get theirs fresh on first use anyway).</summary>
    public async Task<int> ResetAllAsync(Guid classId, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var sandboxes = await provisioner.ListAsync(classId, ct);
        var done = 0;
        progress?.Report((0, sandboxes.Count));
        await Parallel.ForEachAsync(sandboxes, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ResetParallelism), CancellationToken = ct },
            async (s, token) =>
            {
                await provisioner.ResetAsync(new LearnerRef(s.LearnerId, s.LearnerName, s.ClassId), token);
                progress?.Report((Interlocked.Increment(ref done), sandboxes.Count));
            });
        logger.LogInformation("Instructor reset all {Count} sandboxes of class {Class}", sandboxes.Count, classId);
        return sandboxes.Count;
    }
}
