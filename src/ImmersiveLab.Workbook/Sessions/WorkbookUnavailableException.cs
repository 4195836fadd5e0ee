using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Npgsql;

namespace ImmersiveLab.Workbook;

/// <summary>
/// The workbook could not do something because a database did not answer: the lab's own (progress, edits), or the
/// server holding the learner's sandbox. <see cref="WorkbookSession"/> translates those failures into this, so no
/// component has to know about Npgsql; the cause is in <see cref="Exception.InnerException"/>, and the message is the
/// one meant for the learner (the sandbox's own when it says where the sandbox lives).
/// </summary>
public sealed class WorkbookUnavailableException(Exception inner)
    : Exception(inner is LabUnavailableException ? inner.Message : "The lab's database is not answering right now; try again in a moment.", inner)
{
    /// <summary>Whether <paramref name="e"/> is a database failure (as opposed to a bug in the caller or a cancellation).</summary>
    public static bool IsCause(Exception e) => e is NpgsqlException or LabUnavailableException or LabDatabaseException or TimeoutException;

    /// <summary>Runs <paramref name="call"/>, translating database failures.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsCause(e))
        {
            throw new WorkbookUnavailableException(e);
        }
    }

    internal static Task Guard(Func<Task> call) => Guard(async () =>
    {
        await call();
        return true;
    });
}
