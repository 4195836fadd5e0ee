namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// What runs inside a learner's page: waiting for a step to be usable and timing Run → answer. Both time with
/// performance.now() in the page (Playwright's round trips, slow with many pages, are not measured) and both watch
/// for a dead page (Blazor shows #blazor-error-ui when the circuit died of an unhandled exception) and for a block,
/// the page body or an editor showing its failure in place (the app's error boundaries and the editor's fallback).
/// </summary>
public static class PageScripts
{
    private const string Common = """
        const dead = () => { const e = document.getElementById('blazor-error-ui'); return !!e && getComputedStyle(e).display !== 'none'; };
        const reconnecting = () => { const m = document.getElementById('components-reconnect-modal'); return !!m && (m.open === true || getComputedStyle(m).display !== 'none'); };
        const cellOf = id => document.querySelector(`[data-testid=sql-cell][data-cell-id='${id}']`);
        const text = (e, n) => e ? (e.innerText ?? e.textContent).replace(/\s+/g, ' ').trim().slice(0, n) : null;
        // A page starved of CPU (many renderers on few cores) runs nothing for seconds; when it thaws, a timer may run
        // before the queued messages that carry the answer. A deadline is only called once the page has run normally
        // for a while after its last freeze, so an answer that arrived meanwhile is seen (late) instead of "never".
        const freezes = { last: performance.now(), thawedAt: 0, longestMs: 0 };
        const tick = () => {
          const now = performance.now(), gap = now - freezes.last;
          freezes.last = now;
          if (gap > 1000) { freezes.thawedAt = now; freezes.longestMs = Math.max(freezes.longestMs, gap); }
        };
        const pastDeadline = (t0, timeoutMs) => performance.now() - t0 > timeoutMs && performance.now() - freezes.thawedAt > 3000;
        const frozenNote = () => freezes.longestMs > 0 ? `, page frozen up to ${Math.round(freezes.longestMs)} ms` : '';
        const failedInPlace = () => [...document.querySelectorAll('[data-testid=block-failed], [data-testid=page-failed], [data-testid=sql-editor-failed]')]
          .map(e => `${e.dataset.blockId ?? e.closest('[data-cell-id]')?.dataset.cellId ?? e.dataset.testid}: ${text(e, 160)}`).join('; ');
        """;

    /// <summary>
    /// With <c>click</c>: at the wall-clock instant <c>clickAt</c> (the whole class at once, as on the instructor's
    /// "next"), clicks that link and times from the click; without: times from the page's navigation start (it was
    /// just loaded). Resolves when the address is the step's, every SQL cell of the step has its live editor with keys
    /// bound, the setup cells have run (in order; a failing one stops the rest, as the app does) and the galleries show
    /// their answer; or the page dies, or a block fails in place, or the time is up (then says what was missing).
    /// </summary>
    public const string WaitStepReady = "async ({ cellIds, setupIds, galleries, title, path, click, clickAt, timeoutMs }) => {" + Common + """
          const editorReady = id => !!document.querySelector(
            `[data-testid=sql-cell][data-cell-id='${id}'] [data-testid=sql-editor][data-keys-ready=true] .monaco-editor .view-lines`);
          const setupDone = () => {
            for (const id of setupIds) {
              const c = cellOf(id);
              if (!c || c.classList.contains('il-running')) return false;
              const r = c.querySelector('[data-testid=cell-results]');
              if (!r) return false;
              if (r.querySelector('.il-error, .il-run-error') && !r.querySelector('[data-testid=expected-failure]')) return true;
            }
            return true;
          };
          const galleriesDone = () => {
            const blocks = [...document.querySelectorAll('[data-testid=gallery-block]')];
            return blocks.length >= galleries && !blocks.some(b => b.querySelector(':scope > .mud-progress-linear'));
          };
          const titleShown = () => title === null || text(document.querySelector('[data-testid=step-title]'), 1000) === title;
          let t0 = 0;
          tick();
          if (click) {
            const wait = clickAt - Date.now();
            if (wait > 0) await new Promise(r => setTimeout(r, wait));
            const link = document.querySelector(click);
            if (!link) return { outcome: dead() ? 'dead' : 'no-next-link', ms: 0, missing: click };
            t0 = performance.now();
            link.click();
          }
          // When each part was first seen done (setup cells and galleries only where the step has them): the editors
          // are the browser's and the circuit's work, setup cells and galleries the database's.
          const seen = { editorsMs: null, setupMs: null, galleriesMs: null };
          const mark = (part, done) => { if (done && seen[part] === null) seen[part] = performance.now() - t0; return done; };
          for (;;) {
            if (dead()) return { outcome: 'dead', ms: performance.now() - t0, missing: null, ...seen };
            const failed = failedInPlace();
            if (failed) return { outcome: 'failed-in-place', ms: performance.now() - t0, missing: failed, ...seen };
            const editors = cellIds.filter(editorReady).length;
            const parts = [location.pathname === path ? null : 'address', titleShown() ? null : 'title',
                           mark('editorsMs', editors === cellIds.length) ? null : `editors ${editors}/${cellIds.length}`,
                           (setupIds.length === 0 ? setupDone() : mark('setupMs', setupDone())) ? null : 'setup cells',
                           (galleries === 0 ? galleriesDone() : mark('galleriesMs', galleriesDone())) ? null : 'galleries'].filter(p => p);
            if (parts.length === 0) return { outcome: 'ready', ms: performance.now() - t0, missing: null, ...seen };
            if (pastDeadline(t0, timeoutMs))
              return { outcome: 'timeout', ms: performance.now() - t0, missing: parts.join(', ') + (reconnecting() ? ' (reconnecting)' : '') + frozenNote(), ...seen };
            await new Promise(r => setTimeout(r, 25));
            tick();
          }
        }
        """;

    /// <summary>
    /// Clicks the cell's Run button and resolves once its answer is shown: the run went through "running" (or the
    /// results changed) and is over, with results (rows, a statement's error, an intended failure) or without (the
    /// run failed before any statement: the app shows a snackbar). For an exercise, the check's verdict is in the
    /// same render. A MutationObserver catches the states, however short, and timestamps the answer exactly.
    /// </summary>
    public const string ClickRunAndWait = "async ({ cellId, timeoutMs }) => {" + Common + """
          const first = cellOf(cellId);
          if (!first) return { outcome: 'missing', ms: 0 };
          let cell = first, replaced = false;
          const oldResults = cell.querySelector('[data-testid=cell-results]');
          const oldText = text(oldResults, 2000);
          let sawRunning = false, resultsChanged = false, queued = false, sawReconnecting = reconnecting(), settle = () => {};
          const observer = new MutationObserver(records => {
            for (const r of records) {
              if (r.type === 'attributes') {
                if (r.target === cell && (cell.classList.contains('il-running') || (r.oldValue || '').includes('il-running'))) sawRunning = true;
                continue;
              }
              const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
              if (target && target.closest('[data-testid=cell-results]')) resultsChanged = true;
              for (const n of r.addedNodes)
                if (n.nodeType === 1 && (n.matches('[data-testid=cell-results]') || n.querySelector('[data-testid=cell-results]'))) resultsChanged = true;
            }
            settle();
          });
          const watch = c => observer.observe(c, { attributes: true, attributeFilter: ['class'], attributeOldValue: true, childList: true, subtree: true, characterData: true });
          watch(cell);
          const elapsedMs = results => [...results.querySelectorAll('.il-elapsed')].reduce((sum, e) => {
            const m = /([\d.,]+)\s*(ms|s)/.exec(e.textContent);
            return m ? sum + parseFloat(m[1].replace(',', '')) * (m[2] === 's' ? 1000 : 1) : sum;
          }, 0);
          const button = cell.querySelector('[data-testid=run-cell]');
          if (!button) { observer.disconnect(); return { outcome: dead() ? 'dead' : 'no-run-button', ms: 0 }; }
          // What the click landed on, said if it is never answered: a copy of the cell, a disabled button, a lost connection.
          const copies = document.querySelectorAll(`[data-testid=sql-cell][data-cell-id='${cellId}']`).length;
          const clicked = `clicked ${Math.round(performance.now())} ms after the page's start, copies of the cell ${copies}, disabled ${button.disabled}, connection lost at the click ${sawReconnecting}`;
          const t0 = performance.now();
          tick();
          button.click();
          return await new Promise(resolve => {
            let timer = null;
            const finish = answer => { observer.disconnect(); clearInterval(timer); settle = () => {}; resolve({ ms: performance.now() - t0, queued, replaced, ...answer }); };
            settle = () => {
              if (dead()) return finish({ outcome: 'dead' });
              const failed = failedInPlace();
              if (failed) return finish({ outcome: 'failed-in-place', error: failed });
              // A re-render may put the cell in a new element: follow it (what the learner sees is the new one).
              const now = cellOf(cellId);
              if (now && now !== cell) { cell = now; replaced = true; watch(cell); }
              if (cell.querySelector('[data-testid=cell-waiting]')) queued = true;
              if (reconnecting()) sawReconnecting = true;
              const results = cell.querySelector('[data-testid=cell-results]');
              const running = cell.classList.contains('il-running');
              if (running) sawRunning = true;
              const newResults = results && results !== oldResults && (!replaced || text(results, 2000) !== oldText);
              if (!running && (sawRunning || resultsChanged || newResults)) {
                const error = results && results.querySelector('.il-error, .il-run-error');
                return finish({
                  outcome: 'answered',
                  result: !results ? 'no-results' : results.querySelector('[data-testid=expected-failure]') ? 'expected-failure' : error ? 'error' : 'ok',
                  error: text(error, 200),
                  runnerMs: results ? elapsedMs(results) : null,
                  exerciseStatus: cell.querySelector('[data-testid=exercise]')?.dataset.status ?? null,
                });
              }
              if (pastDeadline(t0, timeoutMs))
                finish({ outcome: sawReconnecting ? 'timeout-reconnecting' : 'timeout', error: `running ${running}, saw running ${sawRunning}, results ${!!results}, button ${!!cell.querySelector('[data-testid=run-cell]')}, connected ${first.isConnected}, ${clicked}${frozenNote()}` });
            };
            timer = setInterval(() => { tick(); settle(); }, 50);
          });
        }
        """;

    /// <summary>"dead" (error bar), "failed-in-place" (a block, the page body or an editor shows its failure) or "alive".</summary>
    public const string PageState = "() => {" + Common + " return dead() ? 'dead' : failedInPlace() ? 'failed-in-place' : 'alive'; }";
}

/// <summary>What <see cref="PageScripts.WaitStepReady"/> found.</summary>
public sealed class StepReadiness
{
    public string Outcome { get; set; } = "";
    public double Ms { get; set; }
    public string? Missing { get; set; }
    /// <summary>From the start of the wait until every editor was up (the browser's and the circuit's share).</summary>
    public double? EditorsMs { get; set; }
    /// <summary>Until the setup cells had answered (the database's share).</summary>
    public double? SetupMs { get; set; }
    public double? GalleriesMs { get; set; }
}

/// <summary>What <see cref="PageScripts.ClickRunAndWait"/> found; times in ms from the click.</summary>
public sealed class RunAnswer
{
    public string Outcome { get; set; } = "";
    public double Ms { get; set; }
    /// <summary>ok, error (a statement failed), expected-failure (the lab means it to fail), no-results (failed before any statement).</summary>
    public string? Result { get; set; }
    public string? Error { get; set; }
    /// <summary>The statements' own time as the runner measured them (shown in the results).</summary>
    public double? RunnerMs { get; set; }
    /// <summary>The cell showed its place in the admission queue at some point.</summary>
    public bool Queued { get; set; }
    /// <summary>A re-render put the cell in a new element while its run was on (the answer was found there).</summary>
    public bool Replaced { get; set; }
    /// <summary>An exercise's check: solved, failed, not-checked (open: no verdict).</summary>
    public string? ExerciseStatus { get; set; }
}
