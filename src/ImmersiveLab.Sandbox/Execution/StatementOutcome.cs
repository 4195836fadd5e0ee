namespace ImmersiveLab.Sandbox.Execution;

/// <summary>What running one statement did to the session, beyond its result.</summary>
internal sealed record StatementOutcome(StatementResult Result, bool ConnectionBroken, bool Cancelled);
