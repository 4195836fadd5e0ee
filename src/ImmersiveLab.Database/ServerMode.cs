namespace ImmersiveLab.Database;

public enum ServerMode { Embedded, External }

/// <summary>What /health and the status page report about the database.</summary>
public sealed record ServerStatus(
    ServerMode Mode,
    string ServerVersion,
    string? PgvectorVersion,
    string? DataDirectory,
    string? LogFile,
    int Port);
