using System.CommandLine;

namespace Vty.Cli.Tests;

/// <summary>Runs the vty command tree in-process with its output captured.</summary>
internal static class CliRunner
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(params string[] args) => RunAsync(Program.BuildRootCommand(), CancellationToken.None, args);

    public static async Task<Outcome> RunAsync(Command root, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ParseResult parse = root.Parse(args);
        int exit = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).WaitAsync(TestTimeout);
        return new Outcome(exit, stdout.ToString(), stderr.ToString());
    }

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vty-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
