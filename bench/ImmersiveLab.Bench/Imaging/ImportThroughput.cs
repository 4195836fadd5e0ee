using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.Cli;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.Bench.Imaging;

/// <summary>
/// <c>import-throughput [--dir DIR] [--copies N] [--rounds N]</c>: <c>imlab import</c> against <c>imlab signature</c> on the
/// same files, end to end, in one run. The files: every image under DIR (default: the 50 samples), copied N times (default
/// 4) into a temporary folder so fixed costs (starting the command, loading the model) weigh as little as in a real
/// import of a few hundred photos. Each round runs <c>imlab signature --json FILE…</c> (decode with libgd's rules,
/// pattern, signature, one file after another, as the command does) and <c>imlab import DIR --learner NAME</c> (read,
/// signature on every core, embedding, binary COPY into a learner's new img_raw/img_vec, commit; the learner's sandbox
/// is created before the clock starts) against an embedded cluster, and prints images/s of both and the ratio import ÷ signature (goal ≥ 0.8).
/// </summary>
public static class ImportThroughput
{
    public const string Mode = "import-throughput";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run inside the repository.");
        var source = Arg(args, "--dir") ?? Path.Combine(root, "sample-images");
        var copies = Arg(args, "--copies") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 4;
        var rounds = Arg(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;

        var originals = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(f => new[] { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp" }.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        var folder = Directory.CreateTempSubdirectory("imlab-import-bench-").FullName;
        try
        {
            var files = new List<string>();
            for (var copy = 0; copy < copies; copy++)
                foreach (var original in originals)
                {
                    var target = Path.Combine(folder, $"copy{copy}", Path.GetRelativePath(source, original));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(original, target);
                    files.Add(target);
                }
            Console.WriteLine($"{files.Count} files ({originals.Count} from {source} × {copies}), {rounds} rounds, {Environment.ProcessorCount} cores");

            await using var cluster = await BenchCluster.StartAsync(createStrategy: null);
            var configuration = new Dictionary<string, string?> { ["Database:DataDirectory"] = cluster.DataDirectory };
            var ratios = new List<double>();
            var projected = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var signature = Stopwatch.StartNew();
                var (signatureCode, signatureError) = await RunAsync(["signature", "--json", .. files], configuration);
                signature.Stop();
                var signatureCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                if (signatureCode != 0) throw new InvalidOperationException("imlab signature failed: " + signatureError);

                // The learner's sandbox exists already (as for a learner who imports their photos during a lab):
                // creating a database from the template is not part of importing.
                var learner = $"bench-import-{round}-{Guid.NewGuid():N}"[..24];
                var (sqlCode, sqlError) = await RunAsync(["sql", "--learner", learner, "SELECT 1"], configuration);
                if (sqlCode != 0) throw new InvalidOperationException("imlab sql failed: " + sqlError);
                var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
                var import = Stopwatch.StartNew();
                var (importCode, importError) = await RunAsync(["import", folder, "--learner", learner], configuration);
                import.Stop();
                var importCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu1;
                if (importCode != 0) throw new InvalidOperationException("imlab import failed: " + importError);

                var signatureRate = files.Count / signature.Elapsed.TotalSeconds;
                var importRate = files.Count / import.Elapsed.TotalSeconds;
                ratios.Add(importRate / signatureRate);
                // CPU time of this process (the PostgreSQL server's share of the COPY is not in it). On a machine whose
                // cores are busy with other work, wall-clock rates follow the CPU time a process is given, not its
                // threads; this says what the same work does with the cores free.
                var signatureCpuPerImage = signatureCpu.TotalMilliseconds / files.Count;
                var importCpuPerImage = importCpu.TotalMilliseconds / files.Count;
                projected.Add(signatureCpuPerImage / (importCpuPerImage / Environment.ProcessorCount));
                Console.WriteLine($"round {round + 1}: signature {signatureRate,6:0.0} images/s ({signature.Elapsed.TotalSeconds:0.00} s, CPU {signatureCpuPerImage:0.0} ms/image), " +
                                  $"import {importRate,6:0.0} images/s ({import.Elapsed.TotalSeconds:0.00} s, CPU {importCpuPerImage:0.0} ms/image), " +
                                  $"import ÷ signature {ratios[^1]:0.00} (by CPU time on {Environment.ProcessorCount} free cores: {projected[^1]:0.00})");
            }
            Console.WriteLine($"ImportThroughput: import ÷ signature {ratios.Min():0.00}–{ratios.Max():0.00} (median {ratios.Order().ElementAt(ratios.Count / 2):0.00}) wall clock; " +
                              $"{projected.Min():0.00}–{projected.Max():0.00} by CPU time with the cores free; goal ≥ 0.8");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Error)> RunAsync(string[] args, Dictionary<string, string?> configuration)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var code = await ImlabCli.InvokeAsync(args, args[0] == "import" ? output : TextWriter.Null, error, configuration);
        if (args[0] == "import") Console.WriteLine("  imlab import: " + output.ToString().Trim().Split('\n')[^1]);
        return (code, error.ToString());
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
