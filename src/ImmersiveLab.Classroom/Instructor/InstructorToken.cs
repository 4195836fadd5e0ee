using System.Security.Cryptography;
using System.Text;
using ImmersiveLab.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom;

/// <summary>
/// The instructor's sign-in token: Classroom:InstructorToken when configured, else one generated on first use and
/// kept in the metadata database (app_settings), so it stays the same across restarts and every app instance on
/// that database accepts it. Learners cannot read it: the metadata database is the app's alone.
/// </summary>
public sealed class InstructorToken(LabServer server, IOptions<ClassroomOptions> options, ILogger<InstructorToken> logger)
{
    private const string SettingKey = "instructor_token";
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    /// <summary>True when the token comes from configuration (then it is not printed).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.InstructorToken);

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_token is { } known) return known;
        await _gate.WaitAsync(ct);
        try
        {
            if (_token is not null) return _token;
            if (IsConfigured)
            {
                var configured = options.Value.InstructorToken!.Trim();
                if (configured.Length < ClassroomOptions.MinTokenLength)
                    throw new InvalidOperationException(
                        $"Classroom:InstructorToken has {configured.Length} characters; use at least {ClassroomOptions.MinTokenLength} (it guards every class).");
                return _token = configured;
            }
            await using (var insert = server.Metadata.CreateCommand(
                "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"))
            {
                insert.Parameters.AddWithValue(SettingKey);
                insert.Parameters.AddWithValue(Generate());
                if (await insert.ExecuteNonQueryAsync(ct) > 0) logger.LogInformation("Generated the instructor token");
            }
            await using var read = server.Metadata.CreateCommand("SELECT value FROM app_settings WHERE key = $1");
            read.Parameters.AddWithValue(SettingKey);
            return _token = (string)(await read.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Compares in constant time (hashes of equal length), so the answer time says nothing about the token.</summary>
    public async Task<bool> VerifyAsync(string? candidate, CancellationToken ct)
    {
        var token = await GetAsync(ct);
        var a = SHA256.HashData(Encoding.UTF8.GetBytes((candidate ?? "").Trim()));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>Replaces a generated token (e.g. after it leaked); signed-in instructors stay signed in.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        if (IsConfigured) throw new ClassroomException("The instructor token is set in configuration (Classroom:InstructorToken); change it there.");
        var fresh = Generate();
        await using var cmd = server.Metadata.CreateCommand(
            "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()");
        cmd.Parameters.AddWithValue(SettingKey);
        cmd.Parameters.AddWithValue(fresh);
        await cmd.ExecuteNonQueryAsync(ct);
        return _token = fresh;
    }

    /// <summary>20 characters of a 32-letter alphabet: 100 bits, typed from the screen without look-alikes.</summary>
    private static string Generate()
    {
        var t = RandomNumberGenerator.GetString(Alphabet, 20);
        return $"{t[..5]}-{t[5..10]}-{t[10..15]}-{t[15..]}";
    }
}
