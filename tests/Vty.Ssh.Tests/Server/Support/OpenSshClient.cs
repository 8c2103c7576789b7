using System.Diagnostics;
using System.Text;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>
/// Runs the real OpenSSH <c>ssh</c> client (openssh-client) against a server on 127.0.0.1, isolated
/// from the user's configuration (-F /dev/null, its own known_hosts), with an optional password fed
/// through sshpass and a hard timeout that kills it.
/// </summary>
internal sealed class OpenSshClient
{
    public const string SshPath = "/usr/bin/ssh";
    public const string SshPassPath = "/usr/bin/sshpass";

    public required int Port { get; init; }
    public required string KnownHostsPath { get; init; }
    public string User { get; init; } = "tester";
    public string? Password { get; init; }
    public string? IdentityFile { get; init; }
    public List<string> Options { get; } = new();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fails loudly (never skips) when a needed binary is missing.</summary>
    public static void EnsureInstalled(bool needSshPass)
    {
        Assert.True(File.Exists(SshPath), $"{SshPath} is missing: run scripts/install-test-deps.sh (openssh-client)");
        if (needSshPass)
            Assert.True(File.Exists(SshPassPath), $"{SshPassPath} is missing: run scripts/install-test-deps.sh (sshpass)");
    }

    public async Task<OpenSshResult> RunAsync(string? command, string? stdin = null, bool tty = false, bool verbose = false, IReadOnlyList<string>? extraArgs = null)
    {
        EnsureInstalled(Password is not null);
        // ssh keeps the first value it sees for an option, so the test's own options go first.
        var args = new List<string>();
        foreach (string option in Options) args.AddRange(["-o", option]);
        args.AddRange(new[]
        {
            "-F", "/dev/null",
            "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "UserKnownHostsFile=" + KnownHostsPath,
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "StrictHostKeyChecking=accept-new",
            "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=0",
            "-o", "LogLevel=" + (verbose ? "DEBUG3" : "ERROR"),
        });
        if (IdentityFile is not null)
        {
            args.AddRange(["-i", IdentityFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "PreferredAuthentications=publickey"]);
        }
        else if (Password is not null)
        {
            args.AddRange(["-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"]);
        }
        else
        {
            args.AddRange(["-o", "BatchMode=yes"]);
        }
        if (extraArgs is not null) args.AddRange(extraArgs);
        else args.Add(tty ? "-tt" : "-T");
        args.Add($"{User}@127.0.0.1");
        if (command is not null) args.Add(command);

        var start = new ProcessStartInfo
        {
            FileName = Password is not null ? SshPassPath : SshPath,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Password is not null)
        {
            // sshpass reads the password from the environment, keeping it off the command line.
            start.Environment["SSHPASS"] = Password;
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(SshPath);
        }
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("SSH_AUTH_SOCK");
        start.Environment.Remove("DISPLAY");
        start.Environment["SSH_ASKPASS"] = "/bin/false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ssh");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            if (stdin is not null)
                await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"ssh did not finish within {Timeout}; stderr so far: {await stderr}");
        }
        return new OpenSshResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record OpenSshResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => new StringBuilder()
        .Append("exit ").Append(ExitCode).Append("\nstdout: ").Append(StandardOutput).Append("\nstderr: ").Append(StandardError).ToString();
}
