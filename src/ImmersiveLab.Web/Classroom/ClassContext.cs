using ImmersiveLab.Classroom;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// The class of the circuit's learner (scoped; null in solo mode), kept current by the <see cref="ClassBroadcaster"/>:
/// <see cref="Changed"/> after any change (locks, labs, closing), <see cref="Pushed"/> when the instructor sends the
/// class to a step after this circuit started.
/// </summary>
public sealed class ClassContext(ILearnerContext learner, ClassStore store, ClassBroadcaster broadcaster) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDisposable? _subscription;
    private bool _loaded;
    private int _pushSeen;

    public ClassInfo? Class { get; private set; }

    public event Action<ClassInfo>? Changed;
    public event Action<StepPush>? Pushed;

    /// <summary>The learner's class (null in solo mode), loaded once; database failures come as <see cref="ClassroomUnavailableException"/>.</summary>
    public Task<ClassInfo?> GetAsync(CancellationToken ct) => _loaded ? Task.FromResult(Class) : ClassroomUnavailableException.Guard(() => LoadAsync(ct));

    private async Task<ClassInfo?> LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded) return Class;
            var me = await learner.GetAsync(ct);
            if (me.ClassId is { } classId)
            {
                Class = broadcaster.Latest(classId) ?? await store.GetAsync(classId, ct);
                _pushSeen = Class?.Push?.Sequence ?? 0;
                _subscription = broadcaster.Subscribe(classId, OnChanged);
            }
            _loaded = true;
            return Class;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether the learner may open the lab: in solo mode always; in a class, when it is one of the class's and not locked.</summary>
    public LabAccess AccessTo(string labId) =>
        Class is not { } c ? LabAccess.Open
        : !c.Includes(labId) ? LabAccess.NotInClass
        : c.IsLocked(labId) ? LabAccess.Locked
        : LabAccess.Open;

    internal void OnChanged(ClassInfo cls)
    {
        Class = cls;
        Changed?.Invoke(cls);
        if (cls.Push is { } push && push.Sequence > _pushSeen)
        {
            _pushSeen = push.Sequence;
            Pushed?.Invoke(push);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}

public enum LabAccess
{
    Open,
    Locked,
    NotInClass,
}
