using System.Buffers;
using System.Text;
using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Reads COPY … TO STDOUT in chunks of a few thousand characters, never a whole line at once. A line is kept whole if
/// the run's <see cref="ResultBudget"/> has room. A line longer than Sandbox:MaxValueBytes, or one the budget has no
/// room for, stops the COPY (cancelled on the server): its start is kept, nothing after it is read. Past
/// Sandbox:MaxRows, lines are counted (up to Sandbox:CountRowsUpTo, reading at most Sandbox:MaxResultBytes more), as a
/// query's rows are. So a 100 MB line costs a few kilobytes, and never more than its prefix stays.
/// </summary>
internal sealed class CopyOutReader(SandboxOptions limits, ResultBudget budget)
{
    private const int ChunkChars = 8192;

    private readonly List<object?[]> _rows = [];
    private readonly StringBuilder _line = new();
    private long _lines;
    private long _lineBytes;
    private bool _lineStarted;
    private long _countedBytes;
    private bool _stopped;
    private ResultCut? _cut;

    /// <param name="Lines">Lines seen (all of them unless <paramref name="Stopped"/>).</param>
    /// <param name="Stopped">The COPY was cancelled before its end.</param>
    public sealed record Outcome(IReadOnlyList<object?[]> Rows, long Lines, bool Stopped, ResultCut? Cut);

    public async Task<Outcome> ReadAsync(NpgsqlConnection connection, string copySql, CancellationToken ct)
    {
        var reader = (NpgsqlCopyTextReader)await connection.BeginTextExportAsync(copySql, ct);
        var buffer = ArrayPool<char>.Shared.Rent(ChunkChars);
        try
        {
            int read;
            while (!_stopped && (read = await reader.ReadAsync(buffer.AsMemory(0, ChunkChars), ct)) > 0)
                Consume(buffer.AsSpan(0, read));
            if (!_stopped && _lineStarted) EndLine(); // a last line without its newline
            if (_stopped) await reader.CancelAsync();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            // After a cancel, disposing reads the server's answer to it (the rest of the current message is skipped, not kept).
            await DisposeQuietlyAsync(reader);
        }
        return new Outcome(_rows, _lines, _stopped, _cut);
    }

    private void Consume(ReadOnlySpan<char> chunk)
    {
        while (!chunk.IsEmpty && !_stopped)
        {
            var newline = chunk.IndexOf('\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            if (!part.IsEmpty) Append(part);
            if (newline < 0 || _stopped) return;
            EndLine();
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>Whether lines are still kept (no limit reached yet); else they are only counted.</summary>
    private bool Keeping => _cut is null && _rows.Count < limits.MaxRows;

    private void Append(ReadOnlySpan<char> part)
    {
        _lineStarted = true;
        if (!Keeping)
        {
            _countedBytes += part.Length;
            if (_countedBytes > limits.MaxResultBytes) Stop(_cut ?? new ResultCut(ResultLimit.Rows, limits.MaxRows, _rows.Count));
            return;
        }
        _lineBytes += Encoding.UTF8.GetByteCount(part);
        _line.Append(part);
        if (_lineBytes <= limits.MaxValueBytes) return;

        // Too long to keep whole: keep its start, and read no further.
        _lines++;
        _line.Length = PrefixLength(_line, limits.TruncatedPrefixBytes);
        var prefix = _line.ToString();
        if (budget.TryTake(Encoding.UTF8.GetByteCount(prefix) + ValueReader.Overhead) is { } refused)
        {
            Stop(new ResultCut(refused, budget.Cap(refused), _rows.Count));
            return;
        }
        _rows.Add([new TruncatedValue("text", _lineBytes, null, prefix) { LengthIsMinimum = true }]);
        Stop(new ResultCut(ResultLimit.ValueBytes, limits.MaxValueBytes, _rows.Count));
    }

    private void EndLine()
    {
        _lines++;
        if (Keeping)
        {
            if (budget.TryTake(_lineBytes + ValueReader.Overhead) is { } refused) Stop(new ResultCut(refused, budget.Cap(refused), _rows.Count));
            else _rows.Add([_line.ToString()]);
        }
        else
        {
            _cut ??= new ResultCut(ResultLimit.Rows, limits.MaxRows, _rows.Count);
            if (_lines >= limits.CountRowsUpTo) Stop(new ResultCut(ResultLimit.RowsCounted, limits.CountRowsUpTo, _rows.Count));
        }
        _line.Clear();
        _lineBytes = 0;
        _lineStarted = false;
    }

    private void Stop(ResultCut cut)
    {
        _cut = cut;
        _stopped = true;
    }

    /// <summary>How many characters of <paramref name="text"/> fit in <paramref name="maxBytes"/> of UTF-8, whole characters only.</summary>
    private static int PrefixLength(StringBuilder text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes) return i;
            bytes += size;
            if (pair) i++;
        }
        return text.Length;
    }

    private static async Task DisposeQuietlyAsync(NpgsqlCopyTextReader reader)
    {
        try
        {
            await reader.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // The answer to our own cancel (57014), or the end of a COPY that already failed: its error is the one thrown.
        }
    }
}
