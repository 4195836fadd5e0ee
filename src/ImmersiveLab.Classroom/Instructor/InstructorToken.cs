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
/// An instructor's sign-in carries the <see cref="StampAsync">stamp</see> of the token it was made with (a hash that
/// reveals nothing of the token); a sign-in whose stamp is not the current token's stops working, so rotating the
/// token (here, on the dashboard or with <c>imlab instructor rotate-token</c>) ends every instructor session. Each
/// instance reads the token again after <see cref="ClassroomOptions.InstructorTokenRefresh"/>.
/// </summary>
public sealed class InstructorToken(LabServer server, IOptions<ClassroomOptions> options, TimeProvider time, ILogger<InstructorToken> logger)
{
    private const string SettingKey = "instructor_token";
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ReadAt)? _known;

    /// <summary>True when the token comes from configuration (then it is not printed, and cannot be rotated here).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.InstructorToken);

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } fresh) return fresh;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            if (IsConfigured)
            {
                var configured = options.Value.InstructorToken!.Trim();
                if (configured.Length < ClassroomOptions.MinTokenLength)
                    throw new InvalidOperationException(
                        $"Classroom:InstructorToken has {configured.Length} characters; use at least {ClassroomOptions.MinTokenLength} (it guards every class).");
                return Remember(configured);
            }
            try
            {
                return Remember(await ReadOrCreateAsync(ct));
            }
            catch (Exception e) when (ClassroomUnavailableException.IsCause(e))
            {
                // The database is restarting: the last token read stays valid until it can be read again.
                if (_known is { } last)
                {
                    logger.LogDebug("Cannot read the instructor token now ({Message}); using the one read last", e.Message);
                    return last.Token;
                }
                throw new ClassroomUnavailableException(e);
            }
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

    /// <summary>The stamp an instructor sign-in made now carries.</summary>
    public async Task<string> StampAsync(CancellationToken ct) => Stamp(await GetAsync(ct));

    /// <summary>Whether a sign-in with <paramref name="stamp"/> was made with the current token.</summary>
    public async Task<bool> IsCurrentAsync(string? stamp, CancellationToken ct)
    {
        if (stamp is not { Length: > 0 }) return false;
        var current = await StampAsync(ct);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(current));
    }

    /// <summary>Replaces a generated token (e.g. after it leaked). Every instructor session made with the old one ends.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        if (IsConfigured) throw new ClassroomException("The instructor token is set in configuration (Classroom:InstructorToken); change it there.");
        var fresh = Generate();
        await ClassroomUnavailableException.Guard(async () =>
        {
            await using var cmd = server.Metadata.CreateCommand(
                "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()");
            cmd.Parameters.AddWithValue(SettingKey);
            cmd.Parameters.AddWithValue(fresh);
            await cmd.ExecuteNonQueryAsync(ct);
        });
        logger.LogWarning("The instructor token was rotated; every instructor session made with the old one ends");
        await _gate.WaitAsync(ct);
        try
        {
            return Remember(fresh);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A hash of the token, safe to keep in a cookie: it identifies the token without revealing it.</summary>
    public static string Stamp(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("immersivelab instructor session\n" + token)))[..32];

    private string? Fresh() =>
        _known is { } k && (IsConfigured || time.GetUtcNow() - k.ReadAt < options.Value.InstructorTokenRefresh) ? k.Token : null;

    private string Remember(string token)
    {
        _known = (token, time.GetUtcNow());
        return token;
    }

    private async Task<string> ReadOrCreateAsync(CancellationToken ct)
    {
        await using (var insert = server.Metadata.CreateCommand(
            "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING"))
        {
            insert.Parameters.AddWithValue(SettingKey);
            insert.Parameters.AddWithValue(Generate());
            if (await insert.ExecuteNonQueryAsync(ct) > 0) logger.LogInformation("Generated the instructor token");
        }
        await using var read = server.Metadata.CreateCommand("SELECT value FROM app_settings WHERE key = $1");
        read.Parameters.AddWithValue(SettingKey);
        return (string)(await read.ExecuteScalarAsync(ct))!;
    }

    /// <summary>20 characters of a 32-letter alphabet: 100 bits, typed from the screen without look-alikes.</summary>
    private static string Generate()
    {
        var t = RandomNumberGenerator.GetString(Alphabet, 20);
        return $"{t[..5]}-{t[5..10]}-{t[10..15]}-{t[15..]}";
    }
}
