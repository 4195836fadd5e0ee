namespace ImmersiveLab.TestSupport;

/// <summary>A fresh directory under /tmp (reachable by the postgres OS user when tests run as root).</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("imlab-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
