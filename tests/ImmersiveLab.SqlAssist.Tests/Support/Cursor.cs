namespace ImmersiveLab.SqlAssist.Tests.Support;

/// <summary>SQL with the cursor written as "|": the text without it and the cursor's offset.</summary>
public static class Cursor
{
    public static (string Text, int Offset) Parse(string marked)
    {
        var at = marked.IndexOf('|');
        Assert.True(at >= 0, "no | cursor in " + marked);
        return (marked.Remove(at, 1), at);
    }
}
