using System.Globalization;
using System.Runtime.InteropServices;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// The embedded cluster's backends are processes of this machine: their private memory can be read from /proc and,
/// when the lock table is so full that PostgreSQL cannot even check a signal's permission, they can be sent SIGTERM
/// (what pg_terminate_backend sends; never SIGKILL, which would make the server restart). Only a process whose parent
/// is the cluster's postmaster (postmaster.pid in its data directory) is ever read or signalled.
/// </summary>
internal static class LocalBackends
{
    private const int SigTerm = 15;

    /// <summary>
    /// The backend's private memory (RssAnon: what it allocated for sorts, hashes, caches, temp buffers), or null when it
    /// is not a backend of that cluster or cannot be read. Plain RSS would also count the shared buffers it touched.
    /// </summary>
    public static long? PrivateMemory(string dataDirectory, int pid)
    {
        var status = ReadStatus(pid);
        if (status is null || !IsChildOfPostmaster(status, dataDirectory)) return null;
        return Field(status, "RssAnon:") is { } kb ? kb * 1024 : null;
    }

    /// <summary>Sends SIGTERM to a backend of that cluster. Returns whether the signal was sent.</summary>
    public static bool Terminate(string dataDirectory, int pid)
    {
        var status = ReadStatus(pid);
        if (status is null || !IsChildOfPostmaster(status, dataDirectory)) return false;
        return Kill(pid, SigTerm) == 0;
    }

    /// <summary>The postmaster's pid from the first line of postmaster.pid, or null.</summary>
    public static int? PostmasterPid(string dataDirectory)
    {
        try
        {
            using var reader = new StreamReader(Path.Combine(dataDirectory, "postmaster.pid"));
            return int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsChildOfPostmaster(string[] status, string dataDirectory) =>
        PostmasterPid(dataDirectory) is { } postmaster && Field(status, "PPid:") == postmaster;

    private static string[]? ReadStatus(int pid)
    {
        if (pid <= 1 || !OperatingSystem.IsLinux()) return null;
        try
        {
            return File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or not ours to read
        }
    }

    private static long? Field(string[] status, string name)
    {
        foreach (var line in status)
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            var value = line.AsSpan(name.Length).Trim();
            var space = value.IndexOf(' ');
            if (space > 0) value = value[..space];
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        return null;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
