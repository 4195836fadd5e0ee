namespace ImmersiveLab.Web.Presenting;

/// <summary>
/// Presenter mode of one circuit: large type, no navigation, one cell of the step at a time, for projecting a demo.
/// <see cref="Slide"/> is the index of the cell shown in the current step.
/// </summary>
public sealed class PresenterMode
{
    public bool IsOn { get; private set; }
    public int Slide { get; private set; }

    public event Action? Changed;

    public void Set(bool on)
    {
        if (IsOn == on) return;
        IsOn = on;
        Slide = 0;
        Changed?.Invoke();
    }

    public void Toggle() => Set(!IsOn);

    /// <summary>Shows slide <paramref name="index"/> of a step with <paramref name="count"/> slides (clamped).</summary>
    public void Show(int index, int count)
    {
        var clamped = Math.Clamp(index, 0, Math.Max(0, count - 1));
        if (clamped == Slide) return;
        Slide = clamped;
        Changed?.Invoke();
    }

    /// <summary>A new step starts at its first slide (or its last, when the presenter came back from the next step).</summary>
    public void StartStep(bool atEnd, int count)
    {
        Slide = atEnd ? Math.Max(0, count - 1) : 0;
        Changed?.Invoke();
    }
}
