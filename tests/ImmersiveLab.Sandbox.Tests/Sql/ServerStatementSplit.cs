using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ImmersiveLab.Database.Cluster;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests.Sql;

/// <summary>
/// Where PostgreSQL itself says the statements of a text end. The whole text goes to the server as one simple query
/// (psql -c sends it as it is), with debug_print_parse on: the server logs each top-level statement's parse tree with
/// its stmt_location and stmt_len, in bytes of the text. (Npgsql cannot be used for this: it splits a command's text
/// into statements itself.)
/// </summary>
internal static partial class ServerStatementSplit
{
    /// <summary>The UTF-16 offset where each statement's terminating semicolon stands (the text's length for the last one without).</summary>
    public static async Task<IReadOnlyList<int>> EndsAsync(string adminConnectionString, string sql, bool standardConformingStrings = true)
    {
        var cs = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var psi = new ProcessStartInfo(Path.Combine(PostgresBinaries.Locate(null).BinDirectory, "psql"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-X", "-q", "-o", "/dev/null", "-c", sql }) psi.ArgumentList.Add(a);
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString();
        psi.Environment["PGUSER"] = cs.Username;
        psi.Environment["PGPASSWORD"] = cs.Password;
        psi.Environment["PGDATABASE"] = cs.Database;
        psi.Environment["PGCLIENTENCODING"] = "UTF8";
        // check_function_bodies off: a function's body is not parsed when it is created, so every parse tree logged
        // is a statement of the text (BEGIN ATOMIC bodies log with location -1 and are left out below).
        psi.Environment["PGOPTIONS"] = "-c debug_print_parse=on -c debug_pretty_print=off -c client_min_messages=log " +
                                       "-c check_function_bodies=off -c standard_conforming_strings=" + (standardConformingStrings ? "on" : "off");
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a guard against a hung psql, not a speed bound
        await process.WaitForExitAsync(hang.Token);
        var log = await stderr;
        Assert.True(process.ExitCode == 0 && !log.Contains("ERROR:"), $"the server rejected the text: {log}\n{sql}");

        var charAt = ByteToCharOffsets(sql);
        var ends = new List<int>();
        // One chunk per logged parse tree (the server wraps a tree over several lines).
        foreach (var tree in log.Split("LOG:  parse tree:").Skip(1))
        {
            // The statement's own location is printed last; sub-queries inside it print theirs before.
            var last = Location().Matches(tree)[^1];
            var location = int.Parse(last.Groups[1].Value);
            var length = int.Parse(last.Groups[2].Value);
            if (location < 0) continue;
            ends.Add(length == 0 ? sql.Length : charAt[location + length]);
        }
        return ends;
    }

    private static int[] ByteToCharOffsets(string text)
    {
        var map = new int[Encoding.UTF8.GetByteCount(text) + 1];
        var b = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 4 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
            for (var k = 0; k < width; k++) map[b + k] = i;
            b += width;
            if (width == 4) i++;
        }
        map[b] = text.Length;
        return map;
    }

    [GeneratedRegex(@":stmt_location\s+(-?\d+)\s+:stmt_len\s+(\d+)")]
    private static partial Regex Location();
}
