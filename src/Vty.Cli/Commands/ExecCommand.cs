using System.CommandLine;
using Vty.Cli.Ssh;
using Vty.Ssh;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty exec ssh://USER@HOST[:PORT] [options] -- COMMAND...</c>: runs one command like
/// <c>ssh host command</c>. Remote stdout and stderr pass through byte for byte, stdin is forwarded
/// when redirected, the exit status is the remote one, and connection, authentication or host key
/// failures print one line and exit 255.
/// </summary>
internal static class ExecCommand
{
    /// <summary>Exit status for failures before or outside the remote command (as OpenSSH's ssh).</summary>
    public const int FailureExitCode = 255;

    public static Command Create()
    {
        var destination = new Argument<string>("destination") { Description = "ssh://USER@HOST[:PORT] (or USER@HOST)" };
        var remote = new Argument<string[]>("command") { Description = "The remote command and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var ssh = new SshCommandLineOptions();
        var command = new Command("exec", "Run a command on a host over SSH; exit status is the remote command's (255 on SSH failure).");
        command.Arguments.Add(destination);
        command.Arguments.Add(remote);
        ssh.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            SshClientOptions options;
            try
            {
                options = ssh.Build(parse, SshTarget.Parse(parse.GetValue(destination)!));
            }
            catch (Exception e) when (e is FormatException or SshException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"vty: {e.Message}");
                return FailureExitCode;
            }
            string text = string.Join(' ', parse.GetValue(remote) ?? []);
            Stream? stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
            return await RunAsync(options, text, stdin, Console.OpenStandardOutput(), Console.OpenStandardError(), error, ct);
        });
        return command;
    }

    /// <summary>Connects, runs <paramref name="remoteCommand"/>, streams its I/O and returns the exit code to use.</summary>
    public static async Task<int> RunAsync(SshClientOptions options, string remoteCommand, Stream? stdin, Stream stdout, Stream stderr,
        TextWriter error, CancellationToken ct)
    {
        try
        {
            await using SshClient client = await SshClient.ConnectAsync(options, ct);
            await using SshExecSession session = await client.StartExecAsync(remoteCommand, ct);
            Task input = ForwardInputAsync(stdin, session, ct);
            Task output = CopyAsync(session.StandardOutput, stdout, ct);
            Task errors = CopyAsync(session.StandardError, stderr, ct);
            await Task.WhenAll(output, errors);
            int? status = await session.WaitForExitAsync(ct);
            if (!input.IsCompleted) _ = input.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            if (status is { } code) return code;
            if (session.ExitSignal != null)
                await error.WriteLineAsync($"vty: remote command killed by signal {session.ExitSignal}");
            return FailureExitCode;
        }
        catch (SshException e)
        {
            await error.WriteLineAsync($"vty: {e.Message}");
            return FailureExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("vty: cancelled");
            return 130;
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        byte[] buffer = new byte[32 * 1024];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
            await to.FlushAsync(ct);
        }
    }

    private static async Task ForwardInputAsync(Stream? stdin, SshExecSession session, CancellationToken ct)
    {
        if (stdin != null)
        {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = await stdin.ReadAsync(buffer, ct)) > 0)
                await session.StandardInput.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        await session.CloseInputAsync(ct);
    }
}
