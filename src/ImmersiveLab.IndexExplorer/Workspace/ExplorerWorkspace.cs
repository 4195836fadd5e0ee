using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Filtering;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.IndexExplorer.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Workspace;

/// <summary>
/// What one explorer view works on: the learner, their datasets, the chosen dataset's indexes, the last sweep and
/// filtered comparison, progress of the running operation, and the SQL transcript. The components only render it
/// and call its actions; <see cref="Changed"/> tells them to re-render (from any thread). One operation at a time.
/// </summary>
public sealed class ExplorerWorkspace(
    ILearnerContext currentLearner,
    DatasetGenerator generator,
    DatasetCatalog datasets,
    IndexBuilder builder,
    IndexCatalog indexes,
    RecallSweep sweep,
    FilteredSearchDemo filtered,
    IOptions<IndexExplorerOptions> options,
    IOptions<SandboxOptions> sandboxOptions,
    IStringLocalizer<ExplorerStrings> text,
    ILogger<ExplorerWorkspace> logger) : IDisposable
{
    private CancellationTokenSource? _running;

    public event Action? Changed;

    public IndexExplorerOptions Options => options.Value;
    public SqlTranscript Transcript { get; } = new();
    public Guid? LearnerId { get; private set; }
    public IReadOnlyList<DatasetInfo> Datasets { get; private set; } = [];
    public DatasetInfo? Dataset { get; private set; }
    public IReadOnlyList<BuiltIndex> Indexes { get; private set; } = [];
    public SweepResult? Sweep { get; private set; }
    public FilteredSearchResult? Filtered { get; private set; }

    public string? Busy { get; private set; }
    public bool IsBusy => Busy is not null;
    public LoadProgress? Load { get; private set; }
    public BuildProgress? Build { get; private set; }
    public string? Building { get; private set; }
    public SweepProgress? SweepProgress { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    /// <summary>
    /// The longest the lab's watchdog lets an explorer statement run, when that is shorter than the explorer's own build
    /// limit (Sandbox:WatchdogApplicationLimits or its ceiling set lower than IndexExplorer:BuildTimeout).
    /// </summary>
    public TimeSpan? WatchdogLimit =>
        sandboxOptions.Value.WatchdogEnabled && WatchdogLimits.For(sandboxOptions.Value, Options.ApplicationName) is var limit && limit < Options.BuildTimeout
            ? limit : null;

    /// <summary>Finds the learner (given, or the current one) and their datasets; picks <paramref name="preferTable"/> or the newest.</summary>
    public Task InitializeAsync(Guid? learnerId, string? preferTable, CancellationToken ct) => RunAsync("loading", async token =>
    {
        LearnerId = learnerId ?? (await currentLearner.GetAsync(token)).Id;
        await RefreshDatasetsAsync(preferTable, token);
    }, ct);

    public Task SelectDatasetAsync(string table, CancellationToken ct) => RunAsync("loading", async token =>
    {
        Dataset = Datasets.FirstOrDefault(d => d.TableName == table);
        Sweep = null;
        Filtered = null;
        await RefreshIndexesAsync(token);
    }, ct);

    public Task GenerateAsync(DatasetSpec spec, CancellationToken ct) => RunAsync("generating", async token =>
    {
        Load = new LoadProgress(LoadStage.Preparing, 0, spec.Rows, TimeSpan.Zero);
        var made = await generator.GenerateAsync(RequireLearner(), spec, Transcript, Reporter<LoadProgress>(p => Load = p), token);
        Message = text["Msg_Generated", made.TableName, made.Rows.ToString("N0"), made.Dimensions, made.LoadTime.TotalSeconds.ToString("0.0"), Bytes(made.TableBytes)];
        await RefreshDatasetsAsync(made.TableName, token);
        Dataset = Datasets.FirstOrDefault(d => d.TableName == made.TableName) ?? made;
        Sweep = null;
        Filtered = null;
    }, ct);

    public Task BuildAsync(IndexSpec spec, CancellationToken ct) => RunAsync("building", async token =>
    {
        var dataset = Dataset ?? throw new InvalidOperationException(text["NeedDataset"]);
        Building = spec.Label;
        Build = BuildProgress.Starting(dataset.Rows);
        var built = await builder.BuildAsync(RequireLearner(), dataset, spec, Transcript, Reporter<BuildProgress>(p => Build = p), token);
        Message = text["Msg_Built", built.Name, built.BuildTime?.TotalSeconds.ToString("0.00") ?? "", Bytes(built.SizeBytes)];
        await RefreshIndexesAsync(token);
    }, ct);

    public Task SweepAsync(SweepSettings settings, CancellationToken ct) => RunAsync("sweeping", async token =>
    {
        var dataset = Dataset ?? throw new InvalidOperationException(text["NeedDataset"]);
        SweepProgress = new SweepProgress(0, 1, "starting");
        Sweep = await sweep.RunAsync(RequireLearner(), dataset, Indexes, settings, Transcript, Reporter<SweepProgress>(p => SweepProgress = p), token);
        Message = text["Msg_Swept", Indexes.Count, Sweep.Queries, Sweep.Elapsed.TotalSeconds.ToString("0.0")];
    }, ct);

    public Task FilteredSearchAsync(string indexName, string category, int k, CancellationToken ct) => RunAsync("searching", async token =>
    {
        var dataset = Dataset ?? throw new InvalidOperationException(text["NeedDataset"]);
        var index = Indexes.FirstOrDefault(i => i.Name == indexName) ?? throw new InvalidOperationException(text["Msg_NoIndex", indexName]);
        Filtered = await filtered.RunAsync(RequireLearner(), dataset, index, category, k, Transcript, token);
    }, ct);

    /// <summary>
    /// A <c>recall-chart</c> lab block: uses the block's dataset (creating it if missing), builds the default HNSW and
    /// IVFFlat indexes if they are not there, and sweeps.
    /// </summary>
    public Task RunLabBlockAsync(LabBlockDataset which, SweepSettings settings, CancellationToken ct) => RunAsync("preparing", async token =>
    {
        var learner = RequireLearner();
        Datasets = await datasets.ListAsync(learner, Transcript, token);
        var dataset = LabBlockPlan.Pick(which, Datasets);
        if (dataset is null)
        {
            var spec = LabBlockPlan.Spec(which);
            Busy = "generating";
            Load = new LoadProgress(LoadStage.Preparing, 0, spec.Rows, TimeSpan.Zero);
            Changed?.Invoke();
            dataset = await generator.GenerateAsync(learner, spec, Transcript, Reporter<LoadProgress>(p => Load = p), token);
            Datasets = await datasets.ListAsync(learner, Transcript, token);
        }
        Dataset = dataset;
        Indexes = await indexes.ListAsync(learner, dataset, Transcript, token);
        foreach (var spec in LabBlockPlan.Indexes(dataset).Where(s => Indexes.All(i => i.Name != s.NameFor(dataset.TableName))))
        {
            Busy = "building";
            Building = spec.Label;
            Build = BuildProgress.Starting(dataset.Rows);
            Changed?.Invoke();
            await builder.BuildAsync(learner, dataset, spec, Transcript, Reporter<BuildProgress>(p => Build = p), token);
        }
        Indexes = await indexes.ListAsync(learner, dataset, Transcript, token);
        Busy = "sweeping";
        SweepProgress = new SweepProgress(0, 1, "starting");
        Changed?.Invoke();
        Sweep = await sweep.RunAsync(learner, dataset, Indexes, settings, Transcript, Reporter<SweepProgress>(p => SweepProgress = p), token);
    }, ct);

    /// <summary>Stops the running operation (the server cancels its statement).</summary>
    public void Cancel() => _running?.Cancel();

    public void DismissMessages()
    {
        Error = null;
        Message = null;
        Changed?.Invoke();
    }

    private async Task RefreshDatasetsAsync(string? prefer, CancellationToken ct)
    {
        Datasets = await datasets.ListAsync(RequireLearner(), Transcript, ct);
        Dataset = Datasets.FirstOrDefault(d => d.TableName == prefer)
                  ?? Datasets.FirstOrDefault(d => d.TableName == Dataset?.TableName)
                  ?? Datasets.OrderByDescending(d => d.CreatedAt).FirstOrDefault();
        await RefreshIndexesAsync(ct);
    }

    private async Task RefreshIndexesAsync(CancellationToken ct) =>
        Indexes = Dataset is null ? [] : await indexes.ListAsync(RequireLearner(), Dataset, Transcript, ct);

    private Guid RequireLearner() => LearnerId ?? throw new InvalidOperationException("The explorer has not been initialized.");

    private async Task RunAsync(string what, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (IsBusy) throw new InvalidOperationException(text["Msg_Busy", Operation(Busy!)]);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _running = cts;
        Busy = what;
        Error = null;
        Message = null;
        Changed?.Invoke();
        try
        {
            await work(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Error = text["Msg_Stopped", Operation(what)];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            Error = e.MessageText.Contains("statement timeout", StringComparison.Ordinal) ? text["Msg_StatementTimeout", Operation(what)]
                : WatchdogLimit is { } w ? text["Msg_WatchdogCancelled", Operation(what), w.TotalSeconds.ToString("0")]
                : text["Msg_ServerCancelled", Operation(what)];
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            logger.LogInformation(e, "Explorer operation {What} failed", what);
            Error = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A UI boundary: whatever went wrong is shown, not thrown into the circuit (which would end it).
            logger.LogWarning(e, "Explorer operation {What} failed unexpectedly", what);
            Error = text["Msg_Unexpected", Operation(what), e.Message];
        }
        finally
        {
            _running = null;
            Busy = null;
            Building = null;
            Changed?.Invoke();
        }
    }

    /// <summary>An operation's name (<see cref="Busy"/> keeps the English one the components compare with) in the UI language.</summary>
    private string Operation(string what) => text["Op_" + what];

    /// <summary>Progress from the worker threads: store it, then ask for a re-render.</summary>
    private IProgress<T> Reporter<T>(Action<T> store) => new ProgressAction<T>(value =>
    {
        store(value);
        Changed?.Invoke();
    });

    private sealed class ProgressAction<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0} kB",
        _ => $"{bytes} B",
    };

    public void Dispose()
    {
        _running?.Cancel();
    }
}
