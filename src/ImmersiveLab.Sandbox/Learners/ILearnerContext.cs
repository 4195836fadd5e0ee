namespace ImmersiveLab.Sandbox.Learners;

/// <summary>
/// Who this scope (a Blazor circuit, a CLI run) acts for: the one notion of "the current learner" every feature uses.
/// The default (registered by <see cref="SandboxServiceCollectionExtensions.AddSandboxConnections"/>) is the solo
/// learner; the web host replaces it with the learner its classroom sign-in names.
/// </summary>
public interface ILearnerContext
{
    Task<LearnerRef> GetAsync(CancellationToken ct);
}
