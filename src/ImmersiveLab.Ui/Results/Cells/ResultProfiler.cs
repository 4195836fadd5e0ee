using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>Profiles each column of a result once (types, distance ranges, image counts), before any cell renders.</summary>
public static class ResultProfiler
{
    public static ResultProfile Profile(StatementResult result)
    {
        var distance = DistanceColumnDetector.Detect(result.Sql, result.Columns);
        var profiles = new List<ColumnProfile>(result.Columns.Count);
        for (var c = 0; c < result.Columns.Count; c++)
        {
            var column = result.Columns[c];
            var numeric = true;
            var any = false;
            var images = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var row in result.Rows)
            {
                var value = c < row.Length ? row[c] : null;
                if (value is null or DBNull) continue;
                any = true;
                if (CellNumbers.ToDouble(value) is { } d)
                {
                    if (!double.IsNaN(d) && !double.IsInfinity(d)) { min = Math.Min(min, d); max = Math.Max(max, d); }
                }
                else numeric = false;
                if (value is byte[] bytes && ImageSniffer.Sniff(bytes) is not null) images++;
            }
            var typeName = PgTypeName.Normalize(column.TypeName);
            numeric &= any || IsNumericType(typeName);
            profiles.Add(new ColumnProfile
            {
                Index = c,
                Column = column,
                TypeName = typeName,
                IsNumeric = numeric && typeName != "oid",
                IsDistance = distance[c] && numeric && typeName != "oid",
                DistanceMin = double.IsPositiveInfinity(min) ? 0 : min,
                DistanceMax = double.IsNegativeInfinity(max) ? 0 : max,
                ImageCount = images,
                IsVector = VectorReader.IsVectorType(column),
            });
        }
        return new ResultProfile(profiles);
    }

    private static bool IsNumericType(string t) => t is "smallint" or "integer" or "bigint" or "real" or "double precision" or "numeric";
}
