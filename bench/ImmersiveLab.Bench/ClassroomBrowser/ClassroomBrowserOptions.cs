using System.Globalization;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>Arguments of <c>classroom-browser</c>.</summary>
public sealed record ClassroomBrowserOptions
{
    public int Learners { get; init; } = 30;
    /// <summary>Learners who walk alone, one after the other, before the class: the baseline (more: a steadier solo p95).</summary>
    public int SoloWalks { get; init; } = 1;
    /// <summary>Lab ids (lab.yaml's <c>id</c>) walked in this order, every step, with Next.</summary>
    public IReadOnlyList<string> Labs { get; init; } = ["welcome", "similar-images"];
    /// <summary>How long a cell may take to answer (and a step to open) before it counts as never answered.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Mean pause before each Run (reading the cell); each pause is uniform in ±50 % of it.</summary>
    public TimeSpan Think { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The class moves to the next step together (as when the instructor says "next"); off: each at their pace.</summary>
    public bool Lockstep { get; init; } = true;
    /// <summary>What a learner whose page died does: reload the step and go on, or stop.</summary>
    public bool ReloadDeadPages { get; init; } = true;
    /// <summary>Reloads per learner before they give up.</summary>
    public int MaxReloads { get; init; } = 5;
    /// <summary>Chromium processes the learners' contexts are spread over (0: one per 10 learners).</summary>
    public int Browsers { get; init; }
    /// <summary>The browsers and Playwright's driver in the idle scheduling class (chrt --idle 0): the app and PostgreSQL get the CPU
    /// first, as when every browser is on its learner's laptop. Off: <see cref="BrowserNice"/> instead.</summary>
    public bool IdleBrowsers { get; init; } = true;
    /// <summary>Without <see cref="IdleBrowsers"/>: nice value of the browsers and Playwright's driver (0: no change).</summary>
    public int BrowserNice { get; init; } = 10;
    /// <summary>A published app to run (skips <c>dotnet publish</c>).</summary>
    public string? AppDirectory { get; init; }
    /// <summary>Where the JSON summary goes (default: BenchmarkDotNet.Artifacts/classroom-browser/ in the repository).</summary>
    public string? JsonPath { get; init; }
    /// <summary>Whole run, a backstop against a hung browser or app.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(60);
    public int Seed { get; init; } = 13;

    public int BrowserCount => Browsers > 0 ? Browsers : Math.Max(1, (Learners + 9) / 10);

    public const string Usage = """
        classroom-browser [--learners 30] [--labs welcome,similar-images] [--solo-walks 1] [--cell-timeout 120s] [--think 1s]
                          [--free-pace] [--on-dead reload|stop] [--max-reloads 5] [--browsers N] [--browser-sched idle|nice]
                          [--browser-nice 10] [--app-dir DIR]
                          [--json FILE] [--timeout 60m] [--seed 13]
          Starts the real app (published) as its own process, an instructor creates a class in the UI, one learner walks
          the labs alone, then N learners in separate Chromium contexts join with the code and walk the labs together,
          running every cell and solving every exercise. Reports dead pages, unanswered cells, Run → answer latency
          (solo vs class) in the browsers and on the server (its /metrics), the server's CPU per Run, the app's memory
          per learner and the join time. The browsers run under SCHED_IDLE (--browser-sched nice: at --browser-nice).
        """;

    public static ClassroomBrowserOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ClassroomBrowserOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--learners" => o with { Learners = Positive(Value()) },
                "--solo-walks" => o with { SoloWalks = Positive(Value()) },
                "--labs" => o with { Labs = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--cell-timeout" => o with { CellTimeout = Duration(Value()) },
                "--think" => o with { Think = Duration(Value()) },
                "--free-pace" => o with { Lockstep = false },
                "--on-dead" => o with { ReloadDeadPages = Value() switch
                {
                    "reload" => true,
                    "stop" => false,
                    var v => throw new ArgumentException($"--on-dead is reload or stop, not {v}."),
                } },
                "--max-reloads" => o with { MaxReloads = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture) },
                "--browsers" => o with { Browsers = Positive(Value()) },
                "--browser-sched" => o with { IdleBrowsers = Value() switch
                {
                    "idle" => true,
                    "nice" => false,
                    var v => throw new ArgumentException($"--browser-sched is idle or nice, not {v}."),
                } },
                "--browser-nice" => o with { BrowserNice = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture) is var n and <= 19 ? n : throw new ArgumentException("--browser-nice is 0 to 19.") },
                "--app-dir" => o with { AppDirectory = Path.GetFullPath(Value()) },
                "--json" => o with { JsonPath = Path.GetFullPath(Value()) },
                "--timeout" => o with { Timeout = Duration(Value()) },
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }
        if (o.Labs.Count == 0) throw new ArgumentException("--labs needs at least one lab id.");
        return o;
    }

    private static int Positive(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"Expected a positive number, got {s}.");

    /// <summary>"120s", "1.5s", "500ms", "60m" or a plain number of seconds.</summary>
    private static TimeSpan Duration(string s) =>
        s.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(s[..^2], CultureInfo.InvariantCulture))
        : s.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(s[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(s.TrimEnd('s'), CultureInfo.InvariantCulture));
}
