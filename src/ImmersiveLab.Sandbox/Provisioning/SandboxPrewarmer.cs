using System.Collections.Concurrent;
using System.Threading.Channels;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Creates learners' sandboxes ahead of their first use, in the background, one at a time. A class that joins at once
/// would otherwise pay for all its CREATE DATABASEs on the learners' first Runs (measured with 50 browsers on two
/// cores: about 12 a minute, so the last learners' first Run waited minutes). If a learner's first Run comes before
/// their turn, it creates the sandbox itself (the provisioner's per-learner lock makes the two one creation). A failure
/// here is only logged: the first use tries again. <see cref="SandboxOptions.PrewarmOnJoin"/> turns it off.
/// </summary>
public sealed class SandboxPrewarmer(SandboxProvisioner provisioner, IOptions<SandboxOptions> options, ILogger<SandboxPrewarmer> logger)
    : BackgroundService
{
    private readonly Channel<LearnerRef> _queue = Channel.CreateUnbounded<LearnerRef>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();

    /// <summary>Queues the learner's sandbox for creation; false when it is off or already queued.</summary>
    public bool Enqueue(LearnerRef learner)
    {
        if (!options.Value.PrewarmOnJoin || !_pending.TryAdd(learner.Id, 0)) return false;
        if (_queue.Writer.TryWrite(learner)) return true;
        _pending.TryRemove(learner.Id, out _);
        return false;
    }

    /// <summary>Sandboxes queued and not yet made.</summary>
    public int Pending => _pending.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var learner in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await provisioner.EnsureAsync(learner, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The sandbox of learner {Learner} could not be made ahead of its first use; that use will make it", learner.Id);
            }
            finally
            {
                _pending.TryRemove(learner.Id, out _);
            }
        }
    }
}
