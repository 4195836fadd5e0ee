using System.CommandLine;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Labs;
using ImmersiveLab.Workbook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab labs check [--lab ID] [--labs-dir DIR] [--no-precheck] [--each-step] [--step N] [--parallel N]</c>: parses every lab and
/// reports format errors as file:line, then runs each lab in a fresh sandbox (every cell, every solution followed by its
/// checks and expected result) and, with <c>--each-step</c>, every step alone with its exercises' untouched state, wrong
/// answers and variants proved; reports what fails. Exit code 0 when everything passed, 1 otherwise.
/// </summary>
internal static class LabsCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var command = new Command("labs", "Work with the lab files in labs/");
        command.Add(CreateCheck(hosts));
        return command;
    }

    private static Command CreateCheck(LabHostFactory hosts)
    {
        var lab = new Option<string?>("--lab") { Description = "Only this lab (its id, e.g. welcome, or its folder, e.g. 00-welcome)" };
        var labsDir = new Option<DirectoryInfo?>("--labs-dir") { Description = "The labs folder (default: the configured Labs:LabsDirectory, \"labs\")" };
        var noPrecheck = new Option<bool>("--no-precheck") { Description = "Do not warn about checks that already pass before their solution ran" };
        var eachStep = new Option<bool>("--each-step")
        {
            Description = "Also run every step alone in a fresh sandbox, and prove that each exercise's checks reject the untouched exercise and its wrong answers and accept its variants",
        };
        var parallel = new Option<int>("--parallel") { Description = "Labs checked at the same time, each in its own sandboxes (default 1)", DefaultValueFactory = _ => 1 };
        var step = new Option<int?>("--step") { Description = "Only this step of the lab chosen with --lab, alone, with its proofs (implies --each-step)" };
        var command = new Command("check", "Check the labs' format, then run every cell, solution and check in a fresh sandbox per lab");
        command.Add(lab);
        command.Add(labsDir);
        command.Add(noPrecheck);
        command.Add(eachStep);
        command.Add(step);
        command.Add(parallel);

        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            var directory = parse.GetValue(labsDir);
            if (directory is { Exists: false }) throw new CliException($"No such folder: {directory.FullName}");
            var onlyStep = parse.GetValue(step);
            if (onlyStep is not null && parse.GetValue(lab) is null) throw new CliException("--step needs --lab: the step of which lab?");
            if (onlyStep is < 1) throw new CliException("--step counts from 1.");
            if (parse.GetValue(parallel) is < 1 or > 16) throw new CliException("--parallel is from 1 to 16.");
            var verifier = CreateVerifier(host.Services);
            var options = new LabCheckOptions
            {
                CheckBeforeSolution = !parse.GetValue(noPrecheck),
                EachStep = parse.GetValue(eachStep) || onlyStep is not null,
                Step = onlyStep,
                Parallelism = parse.GetValue(parallel),
            };
            var started = System.Diagnostics.Stopwatch.StartNew();

            var report = await verifier.VerifyAsync(directory?.FullName, parse.GetValue(lab), options, line => output.WriteLine(line), ct);

            if (report.FormatErrors.Count > 0)
            {
                await output.WriteLineAsync();
                await output.WriteLineAsync($"{report.FormatErrors.Count} format error(s):");
                foreach (var error in report.FormatErrors) await output.WriteLineAsync("  " + error);
            }
            var problems = report.Labs.SelectMany(l => l.Problems).ToList();
            if (problems.Count > 0)
            {
                await output.WriteLineAsync();
                foreach (var problem in problems) await output.WriteLineAsync("  " + problem);
            }
            await output.WriteLineAsync();
            var alone = options.EachStep
                ? $", {report.Labs.Sum(l => l.StepsRunAlone)} steps alone, {report.Labs.Sum(l => l.AnswersProved)} answers proved"
                : "";
            await output.WriteLineAsync(report.Passed
                ? $"All {report.Labs.Count} lab(s) passed: {report.Labs.Sum(l => l.CellsRun)} cells, {report.Labs.Sum(l => l.ExercisesChecked)} exercises{alone} ({started.Elapsed.TotalSeconds:0} s)."
                : $"FAILED: {report.FormatErrors.Count} format error(s), {report.Labs.Count(l => !l.Passed)} of {report.Labs.Count} lab(s) with failures.");
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>The workbook's verifier over the command's host (database and sandboxes), with the labs configuration.</summary>
    private static LabVerifier CreateVerifier(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var labsOptions = new LabsOptions();
        configuration.GetSection(LabsOptions.SectionName).Bind(labsOptions);
        var workbookOptions = new WorkbookOptions();
        configuration.GetSection(WorkbookOptions.SectionName).Bind(workbookOptions);
        var logs = services.GetRequiredService<ILoggerFactory>();
        var loader = new LabLoader(new LabValidator(labsOptions.ResolveSampleImagesDirectory()), logs.CreateLogger<LabLoader>());
        var checker = ActivatorUtilities.CreateInstance<ExerciseChecker>(services, Options.Create(workbookOptions));
        return ActivatorUtilities.CreateInstance<LabVerifier>(services, loader, Options.Create(labsOptions), checker);
    }
}
