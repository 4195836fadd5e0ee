using System.Globalization;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// Arguments of <c>classroom-load</c>. Every loop is bounded twice: by <see cref="Duration"/> per scenario and by
/// <see cref="MaxRunsPerLearner"/>.
/// </summary>
public sealed record ClassroomLoadOptions
{
    public int Learners { get; init; } = 50;
    /// <summary>How long each scenario starts new runs; runs in flight then finish (bounded by the lab's limits).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxRunsPerLearner { get; init; } = 200;
    /// <summary>Mean pause between a learner's runs (reading the result); each pause is uniform in ±50 % of it.</summary>
    public TimeSpan Think { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The runaway learner first turns statement_timeout off, so only the lab's client deadline and watchdog stop it.</summary>
    public bool RunawayDisablesTimeout { get; init; }
    /// <summary>Sandbox:MaxConcurrentRuns for this run (null: the product's default).</summary>
    public int? Slots { get; init; }
    public int Seed { get; init; } = 5;
    /// <summary>Labs (ids or folders) the class walks step by step instead of cycling through lab 5 (<see cref="ClassroomWalkTest"/>).</summary>
    public IReadOnlyList<string> Walk { get; init; } = [];

    public const string Usage = """
        classroom-load [--learners 50] [--duration 60s] [--max-runs 200] [--think 1s] [--slots N] [--seed 5] [--runaway-no-timeout]
          Runs lab 5's queries for N learners through the product's SqlRunner (admission, role limits, watchdog), twice:
          1. the class alone; 2. the class plus one learner whose runaway query only the lab's limits stop.
        classroom-load --walk gist-knn,hnsw-ivfflat [--learners 30] [--think 1s] [--slots N] [--seed 5]
          One learner walks the labs alone (step times, sandbox sizes), then N learners walk them step by step in
          lockstep: per-step times and the runs a limit stopped. --learners 0: the solo walk only (--walk all: every lab).
        """;

    public static ClassroomLoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ClassroomLoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--learners" => o with { Learners = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"Expected a number of learners, got {args[i]}.") },
                "--duration" => o with { Duration = Seconds(Value()) },
                "--max-runs" => o with { MaxRunsPerLearner = Positive(Value()) },
                "--think" => o with { Think = Seconds(Value()) },
                "--slots" => o with { Slots = Positive(Value()) },
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--runaway-no-timeout" => o with { RunawayDisablesTimeout = true },
                "--walk" => o with { Walk = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }
        if (o.Duration > TimeSpan.FromMinutes(30)) throw new ArgumentException("--duration is at most 30 minutes.");
        if (o.Learners == 0 && o.Walk.Count == 0) throw new ArgumentException("--learners 0 only with --walk (the solo walk).");
        return o;
    }

    private static int Positive(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"Expected a positive number, got {s}.");

    /// <summary>"60s", "1.5s", "500ms" or a plain number of seconds.</summary>
    private static TimeSpan Seconds(string s) =>
        s.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(s[..^2], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(s.TrimEnd('s'), CultureInfo.InvariantCulture));
}
