namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>A server as placement sees it: may it take sandboxes, its limit, and how many it holds (or is receiving).</summary>
public sealed record PlacementCandidate(string Key, bool Available, int? MaxSandboxes, int Sandboxes)
{
    public bool HasRoom => Available && (MaxSandboxes is not { } max || Sandboxes < max);
}

/// <summary>
/// Where a new sandbox goes: the available server with room that holds the fewest sandboxes; on a tie, the one
/// listed first (the primary, then Database:SandboxServers in their order). Null when no server has room.
/// </summary>
public static class PlacementPolicy
{
    public static PlacementCandidate? Choose(IEnumerable<PlacementCandidate> candidates)
    {
        PlacementCandidate? best = null;
        foreach (var c in candidates)
            if (c.HasRoom && (best is null || c.Sandboxes < best.Sandboxes)) best = c;
        return best;
    }
}
