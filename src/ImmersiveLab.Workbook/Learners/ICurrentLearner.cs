using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Who the workbook acts for in this scope (a Blazor circuit, a CLI run). Implemented by the host: the web app
/// answers with the solo learner, or with the learner a classroom cookie names.
/// </summary>
public interface ICurrentLearner
{
    Task<LearnerRef> GetAsync(CancellationToken ct);
}
