using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Sandbox.LargeObjects;

/// <summary>A helper operation in a learner's sandbox failed; <see cref="Error"/> is what to show them.</summary>
public sealed class SandboxSqlException(SqlError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public SqlError Error { get; } = error;
}
