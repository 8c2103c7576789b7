using System.Diagnostics;
using System.Globalization;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>
/// Runs OpenSSH's real <c>sftp</c> and <c>scp</c> clients against a server on 127.0.0.1 with a key
/// (batch mode, no prompts), isolated from the user's configuration, killed if they hang.
/// </summary>
internal sealed class OpenSshFileTools(int port, string identityFile, string knownHostsPath, string user)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private List<string> CommonOptions() =>
    [
        "-F", "/dev/null",
        "-i", identityFile,
        "-o", "IdentitiesOnly=yes",
        "-o", "BatchMode=yes",
        "-o", "UserKnownHostsFile=" + knownHostsPath,
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=accept-new",
        "-o", "ConnectTimeout=10",
        "-o", "LogLevel=ERROR",
    ];

    /// <summary>sftp -b with the given batch commands.</summary>
    public Task<(int ExitCode, string Output, string Error)> SftpAsync(string batch, string workingDirectory)
    {
        string file = Path.Combine(workingDirectory, $"batch-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, batch);
        var args = CommonOptions();
        args.AddRange(["-P", port.ToString(CultureInfo.InvariantCulture), "-b", file, $"{user}@127.0.0.1"]);
        return RunAsync("/usr/bin/sftp", args, workingDirectory);
    }

    /// <summary>scp with extra flags (e.g. "-O" for the legacy protocol, "-r", "-p") and operands ("remote:" written as ":path").</summary>
    public Task<(int ExitCode, string Output, string Error)> ScpAsync(IEnumerable<string> flags, IEnumerable<string> operands, string workingDirectory)
    {
        var args = CommonOptions();
        args.AddRange(["-P", port.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(flags);
        args.AddRange(operands.Select(o => o.StartsWith(':') ? $"{user}@127.0.0.1{o}" : o));
        return RunAsync("/usr/bin/scp", args, workingDirectory);
    }

    private static async Task<(int, string, string)> RunAsync(string program, List<string> args, string workingDirectory)
    {
        Assert.True(File.Exists(program), $"{program} is missing: run scripts/install-test-deps.sh (openssh-client)");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("SSH_AUTH_SOCK");
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"{program} did not finish within {Timeout}; stderr: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
