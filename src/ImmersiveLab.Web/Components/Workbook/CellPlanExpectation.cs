using ImmersiveLab.Labs;
using ImmersiveLab.Ui.Explain;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>What the plan view should expect of a cell's plan, from the lab's <c>expects-index</c> option.</summary>
public static class CellPlanExpectation
{
    public static PlanExpectation? For(SqlCell cell) =>
        cell.ExpectedIndex is { } expected ? new PlanExpectation(expected.Table, expected.IndexName) : null;
}
