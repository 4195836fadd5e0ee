using System.Text.RegularExpressions;

namespace ImmersiveLab.Labs;

/// <summary>A lab folder's name, <c>NN-slug</c>: NN (two or more digits) orders the labs.</summary>
public sealed partial record LabFolderName(string Name, int Order)
{
    public static LabFolderName? TryParse(string name)
    {
        var match = Pattern().Match(name);
        return match.Success && int.TryParse(match.Groups["order"].Value, out var order) ? new LabFolderName(name, order) : null;
    }

    [GeneratedRegex("^(?<order>[0-9]{2,})-[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
