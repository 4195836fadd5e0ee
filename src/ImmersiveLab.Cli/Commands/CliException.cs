namespace ImmersiveLab.Cli.Commands;

/// <summary>A problem with what the user asked for; printed without a stack trace, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
