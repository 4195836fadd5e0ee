using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ImmersiveLab.Bench.Imaging;

/// <summary>Adds an "images/s" column: 1 / Mean, where Mean is per image (OperationsPerInvoke = images per invocation).</summary>
public sealed class ImagesPerSecondConfig : ManualConfig
{
    public ImagesPerSecondConfig() => AddColumn(new ImagesPerSecondColumn());

    private sealed class ImagesPerSecondColumn : IColumn
    {
        public string Id => "ImagesPerSecond";
        public string ColumnName => "images/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Images per second (1 / Mean)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (1e9 / mean.Value).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }
    }
}
