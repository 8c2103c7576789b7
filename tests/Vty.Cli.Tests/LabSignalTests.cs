using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The built <c>vty lab</c> as a child process without a terminal (stdin from /dev/null or a pipe)
/// stops cleanly on SIGINT and SIGTERM, also when a shell script started it in the background,
/// which leaves SIGINT ignored in the child.
/// </summary>
public sealed class LabSignalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Vty => Path.Combine(AppContext.BaseDirectory, "Vty.Cli");

    [Theory]
    [InlineData("INT", true)]
    [InlineData("TERM", true)]
    [InlineData("INT", false)]
    [InlineData("TERM", false)]
    public async Task Lab_stops_on_a_signal_without_a_terminal(string signal, bool backgroundedByAScript)
    {
        // A background command of a non-interactive shell starts with SIGINT ignored; `wait` then
        // reports how it ended.
        await using ManagedProcess process = backgroundedByAScript
            ? ManagedProcess.Start("/bin/sh", ["-c", "\"$0\" lab --no-ssh </dev/null & echo \"child $!\"; wait $!; echo \"exit $?\"", Vty])
            : ManagedProcess.Start(Vty, ["lab", "--no-ssh"]);
        await process.WaitForOutputAsync("lab ready", Wait);
        int pid = backgroundedByAScript ? ChildPid(process.StandardOutput) : process.Id;

        var (killed, killOutput) = await ManagedProcess.RunAsync("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(killed == 0, killOutput);

        int exit = await process.WaitForExitAsync(Wait);
        Assert.Contains("stopping the lab", process.StandardOutput);
        if (backgroundedByAScript)
            Assert.Contains("exit 0", process.StandardOutput);
        else
            Assert.Equal(0, exit);
    }

    private static int ChildPid(string output)
    {
        string line = output.Split('\n').First(l => l.StartsWith("child ", StringComparison.Ordinal));
        return int.Parse(line["child ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
