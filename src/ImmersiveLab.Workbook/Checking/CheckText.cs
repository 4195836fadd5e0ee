using ImmersiveLab.Sandbox.Messages;
using ImmersiveLab.Workbook.Resources;

namespace ImmersiveLab.Workbook;

/// <summary>Messages of the checker's own catalog (CheckMessages.resx).</summary>
public static class CheckText
{
    public static LabMessage Of(string code, params object?[] args) => LabMessage.Of<CheckMessages>(code, args);
}
