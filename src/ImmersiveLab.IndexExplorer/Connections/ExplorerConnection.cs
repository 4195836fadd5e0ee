using System.Globalization;
using ImmersiveLab.IndexExplorer.Sql;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// One of the explorer's own connections to a learner's sandbox. Every statement goes through here so that it is
/// recorded in the transcript, with parameters shown as literals, before it runs.
/// </summary>
internal sealed class ExplorerConnection : IAsyncDisposable
{
    private readonly SqlTranscript _transcript;
    private readonly string _step;

    private ExplorerConnection(NpgsqlConnection connection, SqlTranscript transcript, string step)
    {
        Connection = connection;
        _transcript = transcript;
        _step = step;
    }

    public NpgsqlConnection Connection { get; }
    public int ProcessId => Connection.ProcessID;

    /// <summary>Opens a connection and sets its statement_timeout (the time limit of whatever runs on it).</summary>
    public static async Task<ExplorerConnection> OpenAsync(
        NpgsqlDataSource dataSource, SqlTranscript transcript, string step, TimeSpan statementTimeout, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var c = new ExplorerConnection(connection, transcript, step);
        try
        {
            var ms = ((long)statementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await c.ExecuteAsync($"SET statement_timeout = {ms}", "time limit of what runs next on this connection (ms)", ct);
            return c;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public TranscriptEntry Record(string sql, string? note, object?[] args, int repetitions = 1) =>
        _transcript.Record(_step, SqlLiteral.Inline(sql, args), note, repetitions);

    public void SetRepetitions(TranscriptEntry entry, int repetitions) => _transcript.SetRepetitions(entry, repetitions);

    public NpgsqlCommand Command(string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, Connection);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return cmd;
    }

    public async Task<int> ExecuteAsync(string sql, string? note, CancellationToken ct, params object?[] args)
    {
        Record(sql, note, args);
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, string? note, CancellationToken ct, params object?[] args)
    {
        Record(sql, note, args);
        await using var cmd = Command(sql, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
