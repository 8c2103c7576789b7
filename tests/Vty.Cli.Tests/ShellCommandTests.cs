using System.IO.Pipelines;
using System.Text;
using Vty.Cli.Commands;

namespace Vty.Cli.Tests;

public sealed class ShellCommandTests
{
    [Fact]
    public async Task TheShellPassesKeystrokesToTheDeviceAndItsOutputBack()
    {
        var keys = new Pipe();
        var root = new System.CommandLine.RootCommand { ShellCommand.Create(() => keys.Reader.AsStream()) };
        Task<CliRunner.Outcome> shell = CliRunner.RunAsync(root, CancellationToken.None, "shell", "dummy://lab:lab@r1?profile=ios");
        // The device ends the session on "exit"; the input stays open like a terminal's.
        await keys.Writer.WriteAsync(Encoding.ASCII.GetBytes("show clock\rexit\r"));

        CliRunner.Outcome run = await shell;

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("show clock", run.Stdout);
        Assert.Matches(@"\d\d:\d\d:\d\d", run.Stdout);
        Assert.Contains("connected to r1 (ios)", run.Stderr);
        Assert.Contains("left r1", run.Stderr);
    }

    [Fact]
    public async Task ARefusedLoginIsOneLineWithAHint()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("shell", "dummy://lab:wrong@r1?profile=ios&fault=reject-login");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("vty: ", run.Stderr);
        Assert.Contains("hint:", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("wrong", run.Stderr);
    }
}
