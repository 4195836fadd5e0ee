namespace ImmersiveLab.Sandbox.Resources;

/// <summary>
/// Marker for the runner's messages to learners, SandboxMessages.resx (English) and SandboxMessages.zh.resx (Chinese):
/// see <see cref="Messages.LabMessage"/>. Codes are stable; arguments are numbered placeholders.
/// </summary>
public sealed class SandboxMessages;
