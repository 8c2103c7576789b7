using System.CommandLine;
using System.Reflection;

namespace Vty.Cli.Commands;

/// <summary><c>vty version</c>: prints the tool's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of vty.");
        command.SetAction(parse =>
        {
            string version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            parse.InvocationConfiguration.Output.WriteLine($"vty {version}");
            return 0;
        });
        return command;
    }
}
