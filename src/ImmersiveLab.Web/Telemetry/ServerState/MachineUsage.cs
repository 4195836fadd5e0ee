using System.Globalization;

namespace ImmersiveLab.Web.Telemetry.ServerState;

/// <summary>
/// How busy the machine is: the CPU share of all cores since the previous reading (from /proc/stat on Linux, so
/// PostgreSQL and everything else on the machine count; elsewhere this process alone), and memory (/proc/meminfo, else
/// what the runtime knows). Readings closer than a second reuse the last share.
/// </summary>
public sealed class MachineUsage(TimeProvider time) : IMachineUsage
{
    private const string ProcStat = "/proc/stat";
    private const string ProcMeminfo = "/proc/meminfo";
    private readonly object _gate = new();
    private (DateTimeOffset At, double Busy, double Total)? _last;
    private double? _share;

    /// <summary>Busy share of all cores (0 to 1) since the previous reading; null on the first.</summary>
    public double? CpuShare()
    {
        var now = time.GetUtcNow();
        var (busy, total) = ReadCpu();
        lock (_gate)
        {
            if (_last is { } last && now - last.At < TimeSpan.FromSeconds(1)) return _share;
            if (_last is { } previous && total > previous.Total)
                _share = Math.Clamp((busy - previous.Busy) / (total - previous.Total), 0, 1);
            _last = (now, busy, total);
            return _share;
        }
    }

    /// <summary>Memory in use on the machine and in all, in bytes (null when unknown).</summary>
    public (long? Used, long? Total) Memory()
    {
        if (File.Exists(ProcMeminfo))
        {
            long? total = null, available = null;
            foreach (var line in File.ReadLines(ProcMeminfo))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal)) total = Kilobytes(line);
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) available = Kilobytes(line);
            }
            if (total is { } t) return (available is { } a ? t - a : null, t);
        }
        return (null, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    /// <summary>CPU time busy and in all, in the same unit: /proc/stat's first line (jiffies of all cores), or this process's
    /// CPU time against wall time × cores.</summary>
    private (double Busy, double Total) ReadCpu()
    {
        if (File.Exists(ProcStat))
        {
            using var reader = new StreamReader(ProcStat);
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: > 5 } && fields[0] == "cpu")
            {
                var values = fields.Skip(1).Take(8).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                var idle = values[3] + values[4]; // idle + iowait
                var total = values.Sum();
                return (total - idle, total);
            }
        }
        return (Environment.CpuUsage.TotalTime.TotalSeconds,
            time.GetTimestamp() / (double)time.TimestampFrequency * Environment.ProcessorCount);
    }

    private static long? Kilobytes(string line) =>
        long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024 : null;
}

/// <summary>The machine's CPU and memory, as <see cref="MachineUsage"/> reads them.</summary>
public interface IMachineUsage
{
    /// <summary>Busy share of all cores (0 to 1) since the previous reading; null on the first.</summary>
    double? CpuShare();

    /// <summary>Memory in use on the machine and in all, in bytes (null when unknown).</summary>
    (long? Used, long? Total) Memory();
}
