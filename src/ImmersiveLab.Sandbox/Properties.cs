using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ImmersiveLab.Sandbox.Tests")]
