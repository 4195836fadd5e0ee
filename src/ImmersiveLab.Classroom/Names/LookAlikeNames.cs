namespace ImmersiveLab.Classroom;

/// <summary>A set of learners of one class whose names look alike (same letters in another case, or the same skeleton).</summary>
public sealed record LookAlikeGroup(IReadOnlyList<LookAlikeMember> Members);

/// <summary>One learner of a look-alike group, with the characters a reader cannot tell apart spelled out.</summary>
public sealed record LookAlikeMember(Guid LearnerId, string Name, string Spelled);

/// <summary>
/// Finds names of a class that a reader could take for one another: equal ignoring case, or with one
/// <see cref="NameSkeleton"/> ("Ada" and "Аda" with a Cyrillic А, "Il" and "ll"). Two learners in one group may be an
/// impersonation attempt, or just two people with one name; the dashboard shows them so the instructor can look.
/// </summary>
public static class LookAlikeNames
{
    public static IReadOnlyList<LookAlikeGroup> Find(IEnumerable<(Guid Id, string Name)> learners)
    {
        var list = learners.ToList();
        var parent = Enumerable.Range(0, list.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        foreach (var key in new Func<string, string>[] { n => n.ToLowerInvariant(), NameSkeleton.Of })
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var k = key(list[i].Name);
                if (k.Length == 0) continue;
                if (first.TryGetValue(k, out var j)) parent[Root(i)] = Root(j);
                else first[k] = i;
            }
        }
        return Enumerable.Range(0, list.Count)
            .GroupBy(Root)
            .Where(g => g.Count() > 1)
            .Select(g => new LookAlikeGroup(g.Select(i => new LookAlikeMember(list[i].Id, list[i].Name, Spell(list[i].Name))).ToList()))
            .ToList();
    }

    /// <summary>The name with every character outside printable ASCII written as U+XXXX, so "Аda" reads "[U+0410]da".</summary>
    public static string Spell(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F) sb.Append((char)rune.Value);
            else sb.Append($"[U+{rune.Value:X4}]");
        }
        return sb.ToString();
    }
}
