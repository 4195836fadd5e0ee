namespace ImmersiveLab.Workbook.Resources;

/// <summary>
/// Marker for the checker's messages to learners, CheckMessages.resx (English) and CheckMessages.zh.resx (Chinese):
/// see <see cref="Sandbox.Messages.LabMessage"/>. Codes are stable; arguments are numbered placeholders.
/// </summary>
public sealed class CheckMessages;
