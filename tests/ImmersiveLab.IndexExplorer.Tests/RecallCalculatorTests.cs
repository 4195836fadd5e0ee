using ImmersiveLab.IndexExplorer.Recall;

namespace ImmersiveLab.IndexExplorer.Tests;

public sealed class RecallCalculatorTests
{
    // Exact top 4 by distance; rows 3 and 4 tie at the 3rd place.
    private static readonly Neighbor[] Exact = [new(1, 0.10), new(2, 0.20), new(3, 0.30), new(4, 0.30), new(5, 0.40)];

    [Fact]
    public void Counts_the_true_neighbours_found_among_the_first_k()
    {
        // k = 3: truth {1, 2, 3}, 3rd distance 0.30. Found 1 and 2; 7 at 0.50 is wrong → 2/3.
        Neighbor[] approx = [new(1, 0.10), new(7, 0.50), new(2, 0.20)];
        Assert.Equal(2.0 / 3, RecallCalculator.RecallAtK(Exact, approx, 3), 10);
    }

    [Fact]
    public void A_row_tying_the_kth_distance_is_as_good_as_the_one_the_exact_search_picked()
    {
        // Row 4 is not in the exact top 3 by id, but ties row 3 at 0.30 → hit. 1, 2, 4 → 3/3.
        Neighbor[] approx = [new(1, 0.10), new(2, 0.20), new(4, 0.30)];
        Assert.Equal(1.0, RecallCalculator.RecallAtK(Exact, approx, 3), 10);
        // Row 5 at 0.40 is beyond the tie → 2/3.
        Neighbor[] worse = [new(1, 0.10), new(2, 0.20), new(5, 0.40)];
        Assert.Equal(2.0 / 3, RecallCalculator.RecallAtK(Exact, worse, 3), 10);
    }

    [Fact]
    public void Short_answers_duplicates_and_rows_beyond_k_do_not_count()
    {
        // Only one row back → 1/3. A duplicate id counts once → 1/3. The 4th row of the answer is beyond k.
        Assert.Equal(1.0 / 3, RecallCalculator.RecallAtK(Exact, [new(2, 0.20)], 3), 10);
        Assert.Equal(1.0 / 3, RecallCalculator.RecallAtK(Exact, [new(2, 0.20), new(2, 0.20), new(9, 0.9)], 3), 10);
        Assert.Equal(1.0 / 3, RecallCalculator.RecallAtK(Exact, [new(9, 0.9), new(8, 0.8), new(1, 0.1), new(2, 0.2)], 3), 10);
    }

    [Fact]
    public void When_the_exact_search_finds_fewer_than_k_the_denominator_is_what_it_found()
    {
        // A filter left 2 rows: finding both is full recall at k = 10; finding one is half.
        Neighbor[] exact = [new(1, 0.1), new(2, 0.2)];
        Assert.Equal(1.0, RecallCalculator.RecallAtK(exact, [new(2, 0.2), new(1, 0.1)], 10), 10);
        Assert.Equal(0.5, RecallCalculator.RecallAtK(exact, [new(1, 0.1)], 10), 10);
        Assert.Equal(1.0, RecallCalculator.RecallAtK([], [], 10), 10);
    }

    [Fact]
    public void Distances_differing_by_rounding_only_still_tie()
    {
        // GiST on cube computes in float8, pgvector in float4: the same row's distance differs in the 7th digit.
        Neighbor[] exact = [new(1, 1.0), new(2, 2.0)];
        Neighbor[] approx = [new(1, 1.0), new(3, 2.0000001)];
        Assert.Equal(1.0, RecallCalculator.RecallAtK(exact, approx, 2), 10);
        Assert.Equal(0.5, RecallCalculator.RecallAtK(exact, approx, 2, tolerance: 0), 10);
    }

    [Fact]
    public void Mean_recall_averages_per_query()
    {
        IReadOnlyList<Neighbor>[] exact = [[new(1, 0.1), new(2, 0.2)], [new(3, 0.1), new(4, 0.2)]];
        IReadOnlyList<Neighbor>[] approx = [[new(1, 0.1), new(2, 0.2)], [new(3, 0.1)]];
        Assert.Equal(0.75, RecallCalculator.MeanRecallAtK(exact, approx, 2), 10);
    }
}
