using System.Diagnostics;
using System.Text;

namespace Vty.TestSupport;

/// <summary>
/// A child process owned by a test: its output is kept (bounded) for diagnostics and the whole
/// process tree is killed on dispose, so a failing test never leaves a server behind.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int MaxKeptChars = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ManagedProcess(Process process) => _process = process;

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last 64 KiB of the combined stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The last 64 KiB of stdout alone.</summary>
    public string StandardOutput
    {
        get { lock (_output) return _stdout.ToString(); }
    }

    /// <summary>The last 64 KiB of stderr alone.</summary>
    public string StandardError
    {
        get { lock (_output) return _stderr.ToString(); }
    }

    /// <summary>Starts <paramref name="fileName"/> with arguments, capturing stdout and stderr.</summary>
    public static ManagedProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string>? environment = null)
    {
        if (!File.Exists(fileName) && !fileName.Contains('/'))
            fileName = FindOnPath(fileName) ?? fileName;
        if (!File.Exists(fileName))
            throw new FileNotFoundException($"required test program {fileName} is not installed (run scripts/install-test-deps.sh)", fileName);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data, managed._stdout);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data, managed._stderr);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Runs a program to completion and returns its exit code and output; throws if it takes longer than the timeout.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var (code, _, _, output) = await RunCapturedAsync(fileName, arguments, null, timeout);
        return (code, output);
    }

    /// <summary>Runs a program to completion with extra environment variables; returns exit code, stdout, stderr and both combined.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError, string Output)> RunCapturedAsync(
        string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment, TimeSpan? timeout = null)
    {
        await using ManagedProcess p = Start(fileName, arguments, environment: environment);
        p._process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try { await p._process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"{fileName} did not finish in time: {p.Output}"); }
        return (p._process.ExitCode, p.StandardOutput, p.StandardError, p.Output);
    }

    /// <summary>Runs a program and throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, params string[] arguments)
    {
        var (code, output) = await RunAsync(fileName, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {code}: {output}");
        return output;
    }

    /// <summary>Waits for exit, up to the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (HasExited) throw new InvalidOperationException($"process exited before printing '{text}': {Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{text}' within {timeout.TotalSeconds:0}s: {Output}");
            await Task.Delay(20);
        }
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line == null) return;
        lock (_output)
        {
            foreach (StringBuilder sb in new[] { _output, stream })
            {
                sb.AppendLine(line);
                if (sb.Length > MaxKeptChars) sb.Remove(0, sb.Length - MaxKeptChars);
            }
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        foreach (string dir in new[] { "/usr/sbin", "/sbin", "/usr/local/sbin" })
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException) { }
        catch (OperationCanceledException) { }
        _process.Dispose();
    }
}
