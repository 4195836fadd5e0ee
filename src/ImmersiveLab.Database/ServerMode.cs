namespace ImmersiveLab.Database;

public enum ServerMode { Embedded, External }

/// <summary>What /health and the status page report about the database. <see cref="ImgsmlrVersion"/>: the imgsmlr
/// extension the server offers (the template then has it), null when it has none.</summary>
public sealed record ServerStatus(
    ServerMode Mode,
    string ServerVersion,
    string? PgvectorVersion,
    string? DataDirectory,
    string? LogFile,
    int Port,
    string? ImgsmlrVersion = null);
