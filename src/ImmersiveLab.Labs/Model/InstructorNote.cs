namespace ImmersiveLab.Labs;

/// <summary>
/// An <c>instructor</c> block: notes for the instructor on one step (answer notes, what to show on the projector), its
/// time in the lab's timing plan (<c>minutes=</c>) and whether the step may be skipped (<c>optional</c>).
/// It is kept apart from <see cref="LabStep.Blocks"/>, which learners see, so that nothing that renders a step for a
/// learner can show it by accident: only the instructor's view reads <see cref="LabStep.InstructorNote"/>.
/// </summary>
public sealed record InstructorNote(string Html, int? Minutes, bool Optional, int Line, FenceInfo Fence);
