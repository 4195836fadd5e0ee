using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;

/// <summary>
/// What one open dashboard shows of a class, kept fresh every <see cref="RefreshEvery"/> (the learners, the requests to
/// continue as a learner, look-alike names), and how its panels run an instructor action: a refusal or an unavailable
/// database becomes a message, never an exception in a component, and the view is read again afterwards. One per
/// dashboard page (transient; the page stops it when it goes); its panels get it as a cascading value.
/// </summary>
public sealed class DashboardState(ClassDashboard dashboard, ResumeRequests requests, ISnackbar snackbar, IStringLocalizer<UiStrings> l,
    TimeProvider time, ILogger<DashboardState> logger)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public Guid ClassId { get; private set; }
    public ClassDashboardView? View { get; private set; }
    public IReadOnlyList<PendingResume> Requests { get; private set; } = [];
    public IReadOnlyList<LookAlikeGroup> LookAlikes { get; private set; } = [];

    /// <summary>The class does not exist (any more).</summary>
    public bool Missing { get; private set; }

    /// <summary>The last refresh could not reach the database (the view shown is the one before).</summary>
    public bool Stale { get; private set; }

    /// <summary>After every refresh (on a pool thread during the loop).</summary>
    public event Action? Changed;

    /// <summary>Reads the class once, then keeps reading it until stopped.</summary>
    public async Task StartAsync(Guid classId)
    {
        ClassId = classId;
        await RefreshAsync();
        _loop ??= LoopAsync();
    }

    public async Task RefreshAsync()
    {
        try
        {
            var view = await dashboard.GetAsync(ClassId, _stop.Token);
            Requests = view is null ? [] : await requests.PendingAsync(ClassId, _stop.Token);
            View = view;
            Missing = view is null;
            LookAlikes = view is null ? [] : LookAlikeNames.Find(view.Learners.Select(learner => (learner.LearnerId, learner.Name)));
            Stale = false;
        }
        catch (ClassroomUnavailableException e)
        {
            // The database is restarting: keep showing the last state; the layout's banner says it is reconnecting.
            logger.LogDebug(e, "Dashboard refresh failed");
            Stale = true;
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Runs an instructor action: on success says <paramref name="done"/> (when given); a refusal (the class is gone, a
    /// request was decided already…) or an unavailable database is said in a message. Returns whether it succeeded.
    /// </summary>
    public async Task<bool> RunAsync(Func<Task> action, string? done = null)
    {
        var ok = false;
        try
        {
            // Not cancelled when the page goes: half a "reset all" is worse than one the instructor did not watch end.
            await action();
            if (done is not null) snackbar.Add(done, Severity.Success);
            ok = true;
        }
        catch (ClassroomException e)
        {
            snackbar.Add(e.Message, Severity.Warning);
        }
        catch (ClassroomUnavailableException)
        {
            snackbar.Add(l["Classroom_Unavailable"], Severity.Error);
        }
        if (!_stop.IsCancellationRequested) await RefreshAsync();
        return ok;
    }

    /// <summary>Whether the learner's name looks like another learner's of the class.</summary>
    public LookAlikeGroup? LookAlikeOf(Guid learnerId) => LookAlikes.FirstOrDefault(g => g.Members.Any(m => m.LearnerId == learnerId));

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await RefreshAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops refreshing (the page went). The source is cancelled, not disposed: a refresh still running reads its token.</summary>
    public void Stop() => _stop.Cancel();
}
