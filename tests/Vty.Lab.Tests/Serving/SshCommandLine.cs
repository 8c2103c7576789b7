using System.Diagnostics;

namespace Vty.Lab.Tests.Serving;

/// <summary>Runs the real OpenSSH client (password through sshpass) against a lab device, with a hard timeout.</summary>
internal static class SshCommandLine
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(int port, string user, string password, string? command, string? stdin = null, bool tty = false)
    {
        Assert.True(File.Exists("/usr/bin/ssh"), "openssh-client is missing: run scripts/install-test-deps.sh");
        Assert.True(File.Exists("/usr/bin/sshpass"), "sshpass is missing: run scripts/install-test-deps.sh");
        var start = new ProcessStartInfo("/usr/bin/sshpass")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SSHPASS"] = password;
        foreach (string arg in new[]
        {
            "-e", "/usr/bin/ssh", "-F", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1", tty ? "-tt" : "-T", $"{user}@127.0.0.1",
        })
            start.ArgumentList.Add(arg);
        if (command is not null) start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ssh did not finish in time: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
