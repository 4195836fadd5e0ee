using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom;

/// <summary>Refuses Classroom settings that cannot work, with the reason.</summary>
public sealed class ClassroomOptionsValidator : IValidateOptions<ClassroomOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassroomOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
