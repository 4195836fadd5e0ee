using ImmersiveLab.Workbook;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>
/// The circuit's workbook session, or none: <see cref="None"/> is the static preview of the labs (pages without a
/// workbook: cells shown as text, no progress), e.g. the component tests that have no database. The app always has one.
/// </summary>
public sealed class CircuitWorkbook(WorkbookSession? session)
{
    public static CircuitWorkbook None { get; } = new(null);

    public WorkbookSession? Session => session;
}
