using ImmersiveLab.BrowserSupport;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// One learner in their own page walks the plan: opens each lab, goes step by step with Next (with the class when a
/// barrier is given), waits for the step to be usable, runs every cell that is not a setup cell, pasting each
/// exercise's solution into its editor first. A dead page (Blazor's error bar), a failure shown in place or a step that
/// never became usable is recorded; then the learner reloads and goes on with the next cell, or stops, as the options say.
/// </summary>
public sealed class LearnerWalker(IPage page, LearnerRecord record, LabWalkPlan plan, ClassroomBrowserOptions options, StepBarrier? barrier, Random random)
{
    private static readonly TimeSpan MinimumPlaywrightTimeout = TimeSpan.FromSeconds(30);
    /// <summary>Lets every page receive its scheduled click before the instant comes.</summary>
    private static readonly TimeSpan ClickDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The page's console errors, said with a run that was never answered (a click the app refused shows there).</summary>
    private readonly List<string> _console = [];

    public async Task WalkAsync(CancellationToken ct)
    {
        page.Console += (_, m) => { if (m.Type == "error") lock (_console) _console.Add(m.Text); };
        page.PageError += (_, e) => { lock (_console) _console.Add(e); };
        try
        {
            for (var l = 0; l < plan.Labs.Count; l++)
            {
                var lab = plan.Labs[l];
                foreach (var step in lab.Steps)
                {
                    // The class clicks together a moment after the last learner is ready (each page schedules its click).
                    var go = (barrier is null ? DateTimeOffset.UtcNow : await barrier.SignalAndWaitAsync(ct)) + ClickDelay;
                    var how = step == lab.Steps[0] ? "goto" : "next";
                    if (!await OpenStepAsync(lab, step, how, go, ct)) return;
                    if (l == plan.Labs.Count - 1 && step == lab.Steps[0]) record.OnLastLabAt = MemorySampler.Now;
                    foreach (var cell in step.Runs)
                        if (!await RunCellAsync(lab, step, cell, ct)) return;
                }
            }
            Count(await page.EvaluateAsync<string>(PageScripts.PageState));
            record.Finished = true;
        }
        catch (PlaywrightException e) when (!ct.IsCancellationRequested)
        {
            record.StoppedBecause = "browser: " + e.Message.Split('\n')[0];
        }
        finally
        {
            barrier?.Leave();
        }
    }

    /// <summary>
    /// Opens the step (the lab's first page by address, later ones with Next, clicked in the page at <paramref name="go"/>)
    /// and waits until it is usable, timed in the page: from the click, or from a loaded page's navigation start.
    /// </summary>
    private async Task<bool> OpenStepAsync(WalkLab lab, WalkStep step, string how, DateTimeOffset go, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var start = MemorySampler.Now;
        if (how == "goto")
        {
            await page.GotoAsync(StepPath(lab, step), new() { Timeout = PlaywrightTimeout });
        }
        else if (await page.EvaluateAsync<string>(PageScripts.PageState) is not "alive" and var state)
        {
            // The page broke while the learner read or waited for the class: reload onto the next step instead.
            Count(state);
            if (!options.ReloadDeadPages || record.Reloads >= options.MaxReloads)
            {
                record.StoppedBecause = $"stopped: {state} page";
                return false;
            }
            record.Reloads++;
            how = "reload";
            await page.GotoAsync(StepPath(lab, step), new() { Timeout = PlaywrightTimeout });
        }
        var ready = await WaitReadyAsync(lab, step, how == "next" ? go : null);
        record.Steps.Add(new StepRecord(record.Name, lab.Lab.Id, step.Number, how, ready.Outcome, ready.Ms, ready.Missing, ready, start));
        return ready.Outcome == "ready" || await RecoverAsync(lab, step, ready.Outcome, ct);
    }

    /// <summary>Types an exercise's solution, clicks Run and waits for the answer; false when the learner stops.</summary>
    private async Task<bool> RunCellAsync(WalkLab lab, WalkStep step, WalkCell cell, CancellationToken ct)
    {
        await Task.Delay(Think(), ct);
        if (cell.IsExercise)
        {
            if (cell.Solution is null)
            {
                Add(lab, step, cell, new RunAnswer { Outcome = "skipped", Error = "the exercise has no solution" });
                return true;
            }
            var editor = LabCellDriver.Cell(page, cell.Id).Locator(".monaco-editor .view-lines");
            await LabCellDriver.PasteTextAsync(page, editor, cell.Solution);
        }
        int seen;
        lock (_console) seen = _console.Count;
        var answer = await page.EvaluateAsync<RunAnswer>(PageScripts.ClickRunAndWait,
            new { cellId = cell.Id, timeoutMs = options.CellTimeout.TotalMilliseconds });
        if (answer.Outcome.StartsWith("timeout", StringComparison.Ordinal))
            lock (_console)
                if (_console.Count > seen)
                    answer.Error += "; console: " + string.Join(" | ", _console.Skip(seen).Take(3).Select(m => m.Length > 300 ? m[..300] : m));
        Add(lab, step, cell, answer);
        return answer.Outcome is not ("dead" or "failed-in-place") || await RecoverAsync(lab, step, answer.Outcome, ct);
    }

    /// <summary>After a dead page or a step that never came up: reload onto the step (a learner's F5), or stop.</summary>
    private async Task<bool> RecoverAsync(WalkLab lab, WalkStep step, string what, CancellationToken ct)
    {
        Count(what);
        while (options.ReloadDeadPages && record.Reloads < options.MaxReloads)
        {
            ct.ThrowIfCancellationRequested();
            record.Reloads++;
            var start = MemorySampler.Now;
            await page.GotoAsync(StepPath(lab, step), new() { Timeout = PlaywrightTimeout });
            var ready = await WaitReadyAsync(lab, step, null);
            record.Steps.Add(new StepRecord(record.Name, lab.Lab.Id, step.Number, "reload", ready.Outcome, ready.Ms, ready.Missing, ready, start));
            if (ready.Outcome == "ready") return true;
            Count(ready.Outcome);
        }
        record.StoppedBecause = options.ReloadDeadPages ? $"gave up after {record.Reloads} reloads ({what})" : $"stopped: {what} page";
        return false;
    }

    private void Count(string pageState)
    {
        if (pageState == "dead") record.DeadPages++;
        else if (pageState == "failed-in-place") record.FailedInPlace++;
    }

    private Task<StepReadiness> WaitReadyAsync(WalkLab lab, WalkStep step, DateTimeOffset? clickNextAt) =>
        page.EvaluateAsync<StepReadiness>(PageScripts.WaitStepReady, new
        {
            cellIds = step.CellIds,
            setupIds = step.SetupCellIds,
            galleries = step.Galleries,
            title = step.Number == 0 ? null : lab.Lab.Document("en").Step(step.Number)!.Title,
            path = StepPath(lab, step),
            click = clickNextAt is null ? null : "[data-testid=next-step]",
            clickAt = clickNextAt?.ToUnixTimeMilliseconds() ?? 0,
            timeoutMs = options.CellTimeout.TotalMilliseconds,
        });

    private static string StepPath(WalkLab lab, WalkStep step) => step.Number == 0 ? $"/labs/{lab.Lab.Id}" : $"/labs/{lab.Lab.Id}/{step.Number}";

    private void Add(WalkLab lab, WalkStep step, WalkCell cell, RunAnswer a) =>
        record.Cells.Add(new CellRecord(record.Name, lab.Lab.Id, step.Number, cell.Id, cell.IsExercise, a.Outcome, a.Ms,
            a.Result, a.Error, a.RunnerMs, a.Queued, a.ExerciseStatus, MemorySampler.Now, a.Replaced));

    /// <summary>Uniform in ±50 % of the mean think time.</summary>
    private TimeSpan Think() => options.Think * (0.5 + random.NextDouble());

    private float PlaywrightTimeout => (float)Math.Max(options.CellTimeout.TotalMilliseconds, MinimumPlaywrightTimeout.TotalMilliseconds);
}
