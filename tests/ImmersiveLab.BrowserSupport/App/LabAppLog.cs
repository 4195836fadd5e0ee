using System.Text.RegularExpressions;

namespace ImmersiveLab.BrowserSupport.App;

/// <summary>
/// The app's console output, written to a file line by line and watched: the "ready" banner, every error it logs
/// ("fail:" lines of the console logger) and, among them, the circuits that died of an unhandled exception, with
/// each distinct exception and the first frame of ours (or BlazorMonaco's) it went through.
/// </summary>
public sealed partial class LabAppLog : IDisposable
{
    private const string ReadyBanner = "ImmersiveLab is ready: ";
    private const int ExceptionsKept = 10;

    private readonly StreamWriter _file;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _deadCircuits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _circuitExceptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _errorsByCategory = new(StringComparer.Ordinal);
    private int _failuresShownInPlace;
    private bool _expectException;
    private string? _exception;

    public LabAppLog(string path)
    {
        Path = path;
        _file = new StreamWriter(path) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>The address the app announced once it listens with its database up.</summary>
    public Task<string> Ready => _ready.Task;

    /// <summary>Distinct circuits that logged "Unhandled exception in circuit" (one circuit may log several).</summary>
    public int CircuitsDied
    {
        get { lock (_gate) return _deadCircuits.Count; }
    }

    /// <summary>Failures the app's error boundaries caught and showed in place (a block, or the page body).</summary>
    public int FailuresShownInPlace
    {
        get { lock (_gate) return _failuresShownInPlace; }
    }

    /// <summary>Each distinct exception that reached a circuit unhandled ("message (at frame)"), with how often.</summary>
    public IReadOnlyDictionary<string, int> CircuitExceptions
    {
        get { lock (_gate) return new Dictionary<string, int>(_circuitExceptions); }
    }

    /// <summary>Logged errors per logger category ("fail: Category[id]").</summary>
    public IReadOnlyDictionary<string, int> ErrorsByCategory
    {
        get { lock (_gate) return new Dictionary<string, int>(_errorsByCategory); }
    }

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _file.WriteLine(line);
            var trimmed = line.Trim();
            if (line.Length > 0 && !char.IsWhiteSpace(line[0])) EndException(null); // a new entry
            if (line.StartsWith(ReadyBanner, StringComparison.Ordinal))
                _ready.TrySetResult(line[ReadyBanner.Length..].Split(' ')[0].TrimEnd('/'));
            if (Failure().Match(line) is { Success: true } failure)
            {
                var category = failure.Groups[1].Value;
                _errorsByCategory[category] = _errorsByCategory.GetValueOrDefault(category) + 1;
                if (category.EndsWith("BlockBoundary", StringComparison.Ordinal) || category.EndsWith("PageErrorBoundary", StringComparison.Ordinal))
                    _failuresShownInPlace++;
            }
            else if (CircuitDied().Match(line) is { Success: true } died)
            {
                _deadCircuits.Add(died.Groups[1].Value);
                _expectException = true;
            }
            else if (_expectException && trimmed.Length > 0)
            {
                _expectException = false;
                // One message per kind: ids and counts differ from circuit to circuit.
                _exception = Numbers().Replace(Ids().Replace(trimmed, "id: …"), "N");
            }
            else if (_exception is not null && trimmed.StartsWith("at ", StringComparison.Ordinal)
                     && (trimmed.Contains(" ImmersiveLab.", StringComparison.Ordinal) || trimmed.Contains(" BlazorMonaco.", StringComparison.Ordinal)))
            {
                EndException(trimmed[3..].Split(" in ")[0]);
            }
        }
    }

    private void EndException(string? frame)
    {
        if (_exception is null) return;
        var key = frame is null ? _exception : $"{_exception} (at {frame})";
        if (_circuitExceptions.ContainsKey(key) || _circuitExceptions.Count < ExceptionsKept)
            _circuitExceptions[key] = _circuitExceptions.GetValueOrDefault(key) + 1;
        _exception = null;
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }

    /// <summary>The console logger's error entry, after the timestamp the bench asks for.</summary>
    [GeneratedRegex(@"^(?:\S+ )?fail: ([^\[]+)\[")]
    private static partial Regex Failure();

    [GeneratedRegex("Unhandled exception in circuit '([^']*)'")]
    private static partial Regex CircuitDied();

    [GeneratedRegex(@"id: \S+")]
    private static partial Regex Ids();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
