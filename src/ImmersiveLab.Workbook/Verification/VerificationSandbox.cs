using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Workbook;

/// <summary>
/// A throw-away learner and sandbox for one verification run: made fresh on demand (a new database from the template),
/// dropped with its learner row at the end.
/// </summary>
internal sealed class VerificationSandbox : IAsyncDisposable
{
    private readonly SandboxProvisioner _provisioner;
    private readonly LabServer _server;
    private readonly ILogger _logger;
    private bool _used;

    private VerificationSandbox(LearnerRef learner, SandboxProvisioner provisioner, LabServer server, ILogger logger)
    {
        Learner = learner;
        _provisioner = provisioner;
        _server = server;
        _logger = logger;
    }

    public LearnerRef Learner { get; }

    public static async Task<VerificationSandbox> CreateAsync(
        string name, LearnerDirectory learners, SandboxProvisioner provisioner, LabServer server, ILogger logger, CancellationToken ct)
    {
        name = $"labs-check {name} {Guid.NewGuid():N}";
        var learner = await learners.GetOrCreateAsync(name.Length <= 64 ? name : name[..64], null, ct);
        var sandbox = new VerificationSandbox(learner, provisioner, server, logger);
        try
        {
            await provisioner.EnsureAsync(learner, ct);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
        return sandbox;
    }

    /// <summary>A sandbox as new: the first call keeps the one just made, later calls drop it and copy the template again.</summary>
    public async Task FreshAsync(CancellationToken ct)
    {
        if (_used) await _provisioner.ResetAsync(Learner, ct);
        _used = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _provisioner.DropAsync(Learner.Id, CancellationToken.None);
            await using var cmd = _server.Metadata.CreateCommand("DELETE FROM learners WHERE id = $1");
            cmd.Parameters.AddWithValue(Learner.Id);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not remove the verification sandbox of {Learner}", Learner.Name);
        }
    }
}
