using ImmersiveLab.Sandbox.Admission;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>
/// Many runs entering and leaving at once from pool threads. Correct code passes every time; a race shows up as a
/// position that goes back up, a "queued" report after the run got its slot, or more runs at once than slots.
/// </summary>
public sealed class RunAdmissionConcurrencyTests
{
    [Fact]
    public async Task Under_contention_positions_only_move_forward_and_nobody_is_told_queued_after_starting()
    {
        var admission = new RunAdmission(Options.Create(new SandboxOptions { MaxConcurrentRuns = 2, QueueTimeout = TimeSpan.FromMinutes(1) }));
        var running = 0;
        var mostAtOnce = 0;
        var problems = new List<string>();
        var reports = 0;

        async Task RunOnceAsync(int id)
        {
            var wait = new GrantAwareProgress();
            using (await admission.EnterAsync(wait, CancellationToken.None))
            {
                wait.Granted();
                var now = Interlocked.Increment(ref running);
                lock (problems) mostAtOnce = Math.Max(mostAtOnce, now);
                await Task.Yield();
                Interlocked.Decrement(ref running);
            }
            await Task.Yield(); // let late reports arrive
            Interlocked.Add(ref reports, wait.Count);
            if (wait.Problem() is { } problem) lock (problems) problems.Add($"run {id}: {problem}");
        }

        for (var round = 0; round < 200; round++)
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => RunOnceAsync(round * 100 + i)))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(reports > 1000, $"only {reports} reports: the runs hardly queued");
        Assert.Empty(problems);
        Assert.True(mostAtOnce <= 2, $"{mostAtOnce} runs at once on 2 slots");
        Assert.Equal(0, admission.Running);
        Assert.Equal(0, admission.Waiting);
    }

    private sealed class GrantAwareProgress : IProgress<RunWait>
    {
        private readonly List<int> _positions = [];
        private bool _granted;
        private bool _reportAfterGrant;

        public void Report(RunWait value)
        {
            lock (_positions)
            {
                if (_granted) _reportAfterGrant = true;
                _positions.Add(value.Position);
            }
        }

        public int Count
        {
            get { lock (_positions) return _positions.Count; }
        }

        public void Granted()
        {
            lock (_positions) _granted = true;
        }

        public string? Problem()
        {
            lock (_positions)
            {
                if (_reportAfterGrant) return "told 'queued' after it had its slot: " + string.Join(",", _positions);
                for (var i = 1; i < _positions.Count; i++)
                    if (_positions[i] > _positions[i - 1]) return "position went back: " + string.Join(",", _positions);
                return null;
            }
        }
    }
}
