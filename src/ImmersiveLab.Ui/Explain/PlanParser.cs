using System.Text.Json;

namespace ImmersiveLab.Ui.Explain;

/// <summary>Parses the text of EXPLAIN (FORMAT JSON) — with or without ANALYZE and BUFFERS — into a node tree.</summary>
public static class PlanParser
{
    public static ExplainPlan Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) throw new PlanParseException("The plan is empty.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PlanParseException("The plan is not JSON: run EXPLAIN with (FORMAT JSON).", e);
        }
        using (doc)
        {
            var top = doc.RootElement;
            if (top.ValueKind == JsonValueKind.Array)
            {
                if (top.GetArrayLength() == 0) throw new PlanParseException("The plan is an empty array.");
                top = top[0];
            }
            if (top.ValueKind != JsonValueKind.Object || !top.TryGetProperty("Plan", out var plan) || plan.ValueKind != JsonValueKind.Object)
                throw new PlanParseException("The JSON has no \"Plan\" object: it is not EXPLAIN (FORMAT JSON) output.");
            return new ExplainPlan(
                ReadNode(plan, "0"),
                Number(top, "Planning Time"),
                Number(top, "Execution Time"),
                top.TryGetProperty("Planning", out var planning) ? ReadBuffers(planning) : PlanBuffers.None);
        }
    }

    private static PlanNode ReadNode(JsonElement e, string id)
    {
        var children = new List<PlanNode>();
        if (e.TryGetProperty("Plans", out var plans) && plans.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var child in plans.EnumerateArray()) children.Add(ReadNode(child, $"{id}.{i++}"));
        }
        return new PlanNode
        {
            Id = id,
            NodeType = Text(e, "Node Type") ?? throw new PlanParseException("A plan node has no \"Node Type\"."),
            ParentRelationship = Text(e, "Parent Relationship"),
            RelationName = Text(e, "Relation Name") ?? Text(e, "CTE Name") ?? Text(e, "Function Name"),
            Schema = Text(e, "Schema"),
            Alias = Text(e, "Alias"),
            IndexName = Text(e, "Index Name"),
            JoinType = Text(e, "Join Type"),
            Strategy = Text(e, "Strategy"),
            OrderBy = Text(e, "Order By"),
            IndexCondition = Text(e, "Index Cond") ?? Text(e, "Recheck Cond"),
            Filter = Text(e, "Filter"),
            RowsRemovedByFilter = Number(e, "Rows Removed by Filter"),
            SortKey = e.TryGetProperty("Sort Key", out var sk) && sk.ValueKind == JsonValueKind.Array
                ? sk.EnumerateArray().Select(k => k.GetString() ?? "").ToList()
                : [],
            SortMethod = Text(e, "Sort Method"),
            StartupCost = Number(e, "Startup Cost") ?? 0,
            TotalCost = Number(e, "Total Cost") ?? 0,
            PlanRows = Number(e, "Plan Rows") ?? 0,
            ActualStartupTime = Number(e, "Actual Startup Time"),
            ActualTotalTime = Number(e, "Actual Total Time"),
            ActualRows = Number(e, "Actual Rows"),
            ActualLoops = Number(e, "Actual Loops"),
            Buffers = ReadBuffers(e),
            Children = children,
        };
    }

    private static PlanBuffers ReadBuffers(JsonElement e) => new(
        Long(e, "Shared Hit Blocks"), Long(e, "Shared Read Blocks"), Long(e, "Shared Dirtied Blocks"),
        Long(e, "Shared Written Blocks"), Long(e, "Temp Read Blocks"), Long(e, "Temp Written Blocks"));

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static long Long(JsonElement e, string name) => (long)(Number(e, name) ?? 0);
}
