global using Bunit;
global using ImmersiveLab.Sandbox.Execution;
global using ImmersiveLab.Ui.Results;
global using ImmersiveLab.Ui.Results.Cells;
global using ImmersiveLab.Ui.Tests.Support;
