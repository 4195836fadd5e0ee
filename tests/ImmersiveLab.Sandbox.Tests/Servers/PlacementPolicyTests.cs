using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Sandbox.Tests.Servers;

public sealed class PlacementPolicyTests
{
    private static PlacementCandidate C(string key, int sandboxes, int? max = null, bool available = true) => new(key, available, max, sandboxes);

    [Fact]
    public void The_server_with_the_fewest_sandboxes_wins() =>
        Assert.Equal("b", PlacementPolicy.Choose([C("default", 5), C("b", 2), C("c", 3)])?.Key);

    [Fact]
    public void A_tie_goes_to_the_server_listed_first() =>
        Assert.Equal("default", PlacementPolicy.Choose([C("default", 2), C("b", 2), C("c", 2)])?.Key);

    [Fact]
    public void An_unavailable_server_is_skipped_however_empty() =>
        Assert.Equal("default", PlacementPolicy.Choose([C("default", 9), C("b", 0, available: false)])?.Key);

    [Fact]
    public void A_full_server_is_skipped_and_no_limit_means_unlimited()
    {
        Assert.Equal("b", PlacementPolicy.Choose([C("default", 3, max: 3), C("b", 50)])?.Key);
        Assert.Equal("default", PlacementPolicy.Choose([C("default", 2, max: 3), C("b", 50)])?.Key);
        Assert.Equal("b", PlacementPolicy.Choose([C("default", 0, max: 0), C("b", 7)])?.Key); // a metadata-only primary
    }

    [Fact]
    public void Nothing_is_chosen_when_no_server_has_room()
    {
        Assert.Null(PlacementPolicy.Choose([C("default", 1, max: 1), C("b", 0, available: false)]));
        Assert.Null(PlacementPolicy.Choose([]));
    }

    [Fact]
    public void Placing_one_after_another_fills_the_emptier_server_first_then_alternates()
    {
        var counts = new Dictionary<string, int> { ["default"] = 3, ["b"] = 0, ["c"] = 1 };
        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var key = PlacementPolicy.Choose(counts.Select(kv => C(kv.Key, kv.Value, max: kv.Key == "c" ? 2 : null)))!.Key;
            counts[key]++;
            order.Add(key);
        }
        Assert.Equal(["b", "b", "c", "b", "default", "b"], order);
    }
}
