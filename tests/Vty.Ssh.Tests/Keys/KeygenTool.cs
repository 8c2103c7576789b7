using System.Diagnostics;

namespace Vty.Ssh.Tests.Keys;

/// <summary>Runs OpenSSH's ssh-keygen in a throwaway directory (a missing binary fails the test).</summary>
internal sealed class KeygenTool : IDisposable
{
    public KeygenTool()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vty-keys-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs ssh-keygen with arguments and optional stdin; returns stdout; fails on a non-zero exit.</summary>
    public Task<string> RunAsync(IEnumerable<string> arguments, string? input = null, bool allowFailure = false) =>
        RunToolAsync("ssh-keygen", arguments, input, allowFailure);

    /// <summary>Runs a command-line tool (ssh-keygen, openssl) the same way.</summary>
    public async Task<string> RunToolAsync(string program, IEnumerable<string> arguments, string? input = null, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        string output = await stdout;
        string error = await stderr;
        if (!allowFailure && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {error}");
        return allowFailure && process.ExitCode != 0 ? "EXIT " + process.ExitCode + ": " + error : output;
    }

    /// <summary>Creates a key pair with ssh-keygen and returns the private key path.</summary>
    public async Task<string> GenerateAsync(string name, string type, int? bits = null, string passphrase = "", string? format = null, string? cipher = null)
    {
        string path = PathOf(name);
        var arguments = new List<string> { "-q", "-t", type, "-N", passphrase, "-C", "test@" + name, "-f", path };
        if (bits is not null) arguments.AddRange(["-b", bits.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (format is not null) arguments.AddRange(["-m", format]);
        if (cipher is not null) arguments.AddRange(["-Z", cipher]);
        await RunAsync(arguments);
        return path;
    }

    /// <summary>"SHA256:..." and bit count as ssh-keygen -l prints them for a key file.</summary>
    public async Task<(string Fingerprint, int Bits)> FingerprintAsync(string path)
    {
        string[] parts = (await RunAsync(["-l", "-f", path])).Split(' ');
        return (parts[1], int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
