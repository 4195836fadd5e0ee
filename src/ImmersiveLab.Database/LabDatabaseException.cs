namespace ImmersiveLab.Database;

/// <summary>A problem with the lab's database set-up, with a message meant for the person running the lab.</summary>
public sealed class LabDatabaseException(string message, Exception? inner = null) : Exception(message, inner);
