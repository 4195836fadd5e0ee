using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// The classroom could not do something because the lab's database did not answer (restarting, unreachable, not
/// started yet). Pages show a "try again in a moment" message; the cause is in <see cref="Exception.InnerException"/>.
/// The classroom's services translate database failures into this, so no page has to know about Npgsql.
/// </summary>
public sealed class ClassroomUnavailableException(Exception inner)
    : Exception("The lab's database is not answering right now; try again in a moment.", inner)
{
    /// <summary>Whether <paramref name="e"/> means the database is not available (as opposed to a bug or a refusal).</summary>
    public static bool IsCause(Exception e) => e switch
    {
        // A server's answer is a failure to be available only for connection problems, shutdowns and exhausted resources;
        // any other SQL error is a bug and stays one.
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or LabUnavailableException or LabDatabaseException => true,
        InvalidOperationException => e.TargetSite?.DeclaringType == typeof(LabServer),
        _ => false,
    };

    /// <summary>Runs <paramref name="call"/>, translating database failures.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsCause(e))
        {
            throw new ClassroomUnavailableException(e);
        }
    }

    public static Task Guard(Func<Task> call) => Guard(async () =>
    {
        await call();
        return true;
    });
}
