using Microsoft.Extensions.Options;

namespace ImmersiveLab.Imaging;

/// <summary>Refuses image limits that cannot work ("Imaging" section), with every reason at once.</summary>
public sealed class ImageValidationOptionsValidator : IValidateOptions<ImageValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, ImageValidationOptions o)
    {
        var failures = new List<string>();
        if (o.MaxBytes <= 0) failures.Add($"Imaging:MaxBytes must be positive (it is {o.MaxBytes}).");
        if (o.MaxPixels <= 0) failures.Add($"Imaging:MaxPixels must be positive (it is {o.MaxPixels}).");
        if (o.MaxUploadPixels <= 0) failures.Add($"Imaging:MaxUploadPixels must be positive (it is {o.MaxUploadPixels}).");
        if (o.MaxConcurrentDecodes < 0) failures.Add($"Imaging:MaxConcurrentDecodes must be 0 (one per core) or more (it is {o.MaxConcurrentDecodes}).");
        if (o.DecodeQueueTimeout < TimeSpan.Zero) failures.Add($"Imaging:DecodeQueueTimeout must not be negative (it is {o.DecodeQueueTimeout}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
