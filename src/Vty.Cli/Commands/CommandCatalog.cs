using System.CommandLine;
using Vty.Cli.Commands.History;

namespace Vty.Cli.Commands;

/// <summary>Every subcommand of <c>vty</c>, one line each; each command lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return VersionCommand.Create();
        yield return LabCommand.Create();
        yield return DriverCommand.Create();
        yield return ExecCommand.Create();
        yield return CpCommand.Create();
        yield return RunCommand.Create();
        yield return ParseCommand.Create();
        yield return ConfigCommand.Create();
        yield return TaskCommand.Create();
        yield return WorkerCommand.Create();
        yield return ResultsCommand.Create();
        yield return ShellCommand.Create();
        yield return DemoCommand.Create();
        yield return BackupCommand.Create();
        yield return DiffCommand.Create();
        yield return HistoryCommand.Create();
        yield return ShowConfigCommand.Create();
        yield return RollbackCommand.Create();
    }
}
