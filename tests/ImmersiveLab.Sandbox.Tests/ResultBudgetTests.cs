using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Sandbox.Tests;

/// <summary>The budget arithmetic and the configuration check, without a server.</summary>
public sealed class ResultBudgetTests
{
    private static SandboxOptions Limits() => new() { MaxResultBytes = 100, MaxCellResultBytes = 250, MaxLearnerResultBytes = 400 };

    [Fact]
    public void Each_statement_has_its_own_allowance_within_the_cells()
    {
        var budget = new ResultBudget(Limits(), keptByLearner: 0);
        budget.StartStatement();
        Assert.Null(budget.TryTake(100));
        Assert.Equal(ResultLimit.StatementBytes, budget.TryTake(1));
        budget.StartStatement();
        Assert.Null(budget.TryTake(100));
        budget.StartStatement();
        Assert.Equal(ResultLimit.CellBytes, budget.TryTake(51)); // 200 kept, 50 left for the cell
        Assert.Null(budget.TryTake(50));
        Assert.Equal(250, budget.CellBytes);
    }

    [Fact]
    public void What_the_learners_pages_keep_leaves_less_and_is_named_when_it_is_the_tightest()
    {
        var budget = new ResultBudget(Limits(), keptByLearner: 330);
        budget.StartStatement();
        Assert.Null(budget.TryTake(60));
        Assert.Equal(ResultLimit.LearnerBytes, budget.TryTake(11));
        Assert.Equal(400, budget.Cap(ResultLimit.LearnerBytes));
    }

    [Fact]
    public void Bytes_given_back_are_free_again()
    {
        var budget = new ResultBudget(Limits(), keptByLearner: 0);
        budget.StartStatement();
        Assert.Null(budget.TryTake(90));
        budget.GiveBack(90);
        Assert.Null(budget.TryTake(100));
        Assert.Equal(100, budget.CellBytes);
    }

    [Fact]
    public void Holds_add_up_per_learner_and_go_when_disposed()
    {
        var kept = new KeptResults();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var first = kept.Keep(a, 10);
        var second = kept.Keep(a, 5);
        using (kept.Keep(b, 7)) Assert.Equal(7, kept.For(b));
        Assert.Equal(15, kept.For(a));
        first.Dispose();
        first.Dispose(); // twice is once
        Assert.Equal(5, kept.For(a));
        second.Dispose();
        Assert.Equal(0, kept.For(a));
        Assert.Equal(0, kept.For(b));
    }

    [Fact]
    public void Result_limits_that_cannot_work_are_refused_with_every_reason()
    {
        var validator = new ResultLimitsValidator();
        Assert.True(validator.Validate(null, new SandboxOptions()).Succeeded);
        var bad = new SandboxOptions
        {
            MaxRows = 0, MaxResultBytes = 64, MaxCellResultBytes = 32, MaxLearnerResultBytes = 16,
            MaxValueBytes = 10, TruncatedPrefixBytes = 20,
        };
        var failures = validator.Validate(null, bad).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Sandbox:MaxRows must be positive"));
        Assert.Contains(failures, f => f.Contains("Sandbox:MaxResultBytes (64) must not exceed Sandbox:MaxCellResultBytes (32)"));
        Assert.Contains(failures, f => f.Contains("Sandbox:MaxCellResultBytes (32) must not exceed Sandbox:MaxLearnerResultBytes (16)"));
        Assert.Contains(failures, f => f.Contains("Sandbox:TruncatedPrefixBytes (20) must not exceed Sandbox:MaxValueBytes (10)"));
    }
}
