using System.CommandLine;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Cli.Commands;

/// <summary>--learner and --class, shared by the commands that act for one learner.</summary>
internal sealed class LearnerOptions
{
    public Option<string> Learner { get; } = new("--learner", "-l")
    {
        Description = "Learner display name (default: the solo learner \"me\")",
        DefaultValueFactory = _ => "me",
    };

    public Option<string?> Class { get; } = new("--class", "-c")
    {
        Description = "Class join code (default: a solo learner)",
    };

    public void AddTo(Command command)
    {
        command.Add(Learner);
        command.Add(Class);
    }

    /// <summary>The learner named on the command line; created when <paramref name="create"/>.</summary>
    public async Task<LearnerRef?> ResolveAsync(ParseResult parse, LearnerDirectory directory, bool create, CancellationToken ct)
    {
        var name = parse.GetValue(Learner)!;
        Guid? classId = null;
        if (parse.GetValue(Class) is { Length: > 0 } code)
            classId = await directory.FindClassIdByCodeAsync(code, ct)
                      ?? throw new CliException($"No open class has the code '{code}'.");
        return create
            ? await directory.GetOrCreateAsync(name, classId, ct)
            : await directory.FindByNameAsync(name, classId, ct);
    }
}
