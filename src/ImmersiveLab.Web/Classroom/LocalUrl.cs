namespace ImmersiveLab.Web.Classroom;

/// <summary>Return URLs after sign-in: only paths of this app, never another site ("//host", "/\host", "https:").</summary>
public static class LocalUrl
{
    public static string? Safe(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Contains("://", StringComparison.Ordinal)
            && !u.Any(char.IsControl)
            ? u
            : null;
}
