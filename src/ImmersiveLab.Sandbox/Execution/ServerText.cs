using System.Globalization;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Text the server sends about a statement (a NOTICE's or an error's message, detail, hint): a learner decides its
/// length (<c>RAISE NOTICE '%', repeat('x', 1e8)</c>), so what results keep of it is bounded.
/// </summary>
internal static class ServerText
{
    public const int MaxChars = 8192;

    public static string Clip(string text) => text.Length <= MaxChars
        ? text
        : string.Concat(text.AsSpan(0, MaxChars), $"… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters in all)");

    public static string? ClipOrNull(string? text) => text is null ? null : Clip(text);
}
