using ImmersiveLab.Cli;

return await ImlabCli.InvokeAsync(args, Console.Out, Console.Error);
