using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox;

/// <summary>Refuses result limits the runner could not honour (every problem at once, naming the settings).</summary>
public sealed class ResultLimitsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions o)
    {
        var failures = new List<string>();
        void Positive(string setting, long value)
        {
            if (value <= 0) failures.Add($"Sandbox:{setting} must be positive (it is {value}).");
        }
        Positive(nameof(o.MaxRows), o.MaxRows);
        Positive(nameof(o.CountRowsUpTo), o.CountRowsUpTo);
        Positive(nameof(o.MaxValueBytes), o.MaxValueBytes);
        Positive(nameof(o.TruncatedPrefixBytes), o.TruncatedPrefixBytes);
        Positive(nameof(o.MaxResultBytes), o.MaxResultBytes);
        Positive(nameof(o.MaxCellResultBytes), o.MaxCellResultBytes);
        Positive(nameof(o.MaxLearnerResultBytes), o.MaxLearnerResultBytes);
        if (o.CountRowsUpTo < o.MaxRows)
            failures.Add($"Sandbox:CountRowsUpTo ({o.CountRowsUpTo}) must be at least Sandbox:MaxRows ({o.MaxRows}).");
        if (o.TruncatedPrefixBytes > o.MaxValueBytes)
            failures.Add($"Sandbox:TruncatedPrefixBytes ({o.TruncatedPrefixBytes}) must not exceed Sandbox:MaxValueBytes ({o.MaxValueBytes}).");
        if (o.MaxResultBytes > o.MaxCellResultBytes)
            failures.Add($"Sandbox:MaxResultBytes ({o.MaxResultBytes}) must not exceed Sandbox:MaxCellResultBytes ({o.MaxCellResultBytes}): one statement is part of a cell.");
        if (o.MaxCellResultBytes > o.MaxLearnerResultBytes)
            failures.Add($"Sandbox:MaxCellResultBytes ({o.MaxCellResultBytes}) must not exceed Sandbox:MaxLearnerResultBytes ({o.MaxLearnerResultBytes}): a cell's results are part of the learner's.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
