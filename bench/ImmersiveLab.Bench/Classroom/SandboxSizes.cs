using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Npgsql;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>pg_database_size of a learner's sandbox (what a per-sandbox disk quota would count) and of the template.</summary>
public sealed class SandboxSizes(NpgsqlDataSource admin, SandboxProvisioner provisioner, string templateDatabase)
{
    public async Task<long> OfAsync(LearnerRef learner, CancellationToken ct)
    {
        var info = await provisioner.InspectInfoAsync(learner.Id, ct) ?? throw new InvalidOperationException($"{learner.Name} has no sandbox.");
        return await SizeAsync(info.DatabaseName, ct);
    }

    public Task<long> TemplateAsync(CancellationToken ct) => SizeAsync(templateDatabase, ct);

    private async Task<long> SizeAsync(string database, CancellationToken ct)
    {
        await using var cmd = admin.CreateCommand("SELECT pg_database_size($1)");
        cmd.Parameters.AddWithValue(database);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
