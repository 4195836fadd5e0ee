namespace ImmersiveLab.BrowserSupport.App;

/// <summary>
/// How to start the app as a process: from <see cref="AppDirectory"/> (a publish or build output holding
/// ImmersiveLab.Web.dll). <see cref="DataDirectory"/> null: a fresh temporary one, deleted on disposal; given: kept, so
/// another start on it finds the same database, keys and progress. <see cref="Port"/> 0: a free loopback port.
/// </summary>
public sealed record LabAppProcessOptions(
    string AppDirectory,
    string RepositoryRoot,
    string InstructorToken,
    string LogPath,
    string? DataDirectory = null,
    int Port = 0,
    IReadOnlyDictionary<string, string>? Environment = null);
