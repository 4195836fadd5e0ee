namespace ImmersiveLab.Classroom;

/// <summary>A classroom action was refused for a reason the instructor or learner can act on (the message says which).</summary>
public sealed class ClassroomException(string message) : Exception(message);
