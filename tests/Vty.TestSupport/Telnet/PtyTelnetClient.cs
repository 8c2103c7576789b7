using System.Diagnostics;
using System.Text;

namespace Vty.TestSupport.Telnet;

/// <summary>
/// The Debian (inetutils) telnet client running on a pseudo-terminal made by util-linux
/// <c>script</c>, with a set window size and TERM. Keystrokes go to script's stdin, the screen
/// comes from its stdout. Killed with its children on dispose.
/// </summary>
public sealed class PtyTelnetClient : IAsyncDisposable
{
    private const int MaxKeptChars = 256 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reader;
    private readonly string _resizeTrigger;

    private PtyTelnetClient(Process process, string resizeTrigger)
    {
        _process = process;
        _resizeTrigger = resizeTrigger;
        _reader = Task.Run(ReadScreenAsync);
    }

    /// <summary>Everything the client printed so far.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return _screen.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>telnet 127.0.0.1 PORT</c> on a pty of <paramref name="columns"/> x <paramref name="rows"/>
    /// with TERM=<paramref name="terminalType"/>. <paramref name="workDirectory"/> holds the resize trigger file.
    /// </summary>
    public static PtyTelnetClient Start(int port, string terminalType, int columns, int rows, int resizeColumns, int resizeRows, string workDirectory)
    {
        foreach (var tool in new[] { "/usr/bin/script", "/usr/bin/telnet" })
        {
            if (!File.Exists(tool))
            {
                throw new FileNotFoundException($"required test program {tool} is not installed (run scripts/install-test-deps.sh)", tool);
            }
        }

        var trigger = Path.Combine(workDirectory, "resize-now");

        // The background job changes the pty size once the test creates the trigger file; the
        // kernel then sends SIGWINCH to telnet, which re-sends NAWS. Its stdin is /dev/null unless
        // redirected, hence "< /dev/tty".
        var inner =
            $"stty cols {columns} rows {rows}; " +
            $"(while [ ! -e '{trigger}' ]; do sleep 0.05; done; stty cols {resizeColumns} rows {resizeRows} < /dev/tty) & " +
            $"exec /usr/bin/telnet 127.0.0.1 {port}";
        var info = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-f", "-e", "-c", $"sh -c \"{inner}\"", "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = terminalType;
        var process = Process.Start(info) ?? throw new InvalidOperationException("script did not start");
        return new PtyTelnetClient(process, trigger);
    }

    /// <summary>Types <paramref name="text"/> on the terminal.</summary>
    public async Task TypeAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Changes the terminal size to the resize size given at start.</summary>
    public void Resize() => File.WriteAllText(_resizeTrigger, "go");

    /// <summary>Waits until the screen contains <paramref name="text"/>.</summary>
    public async Task WaitForScreenAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Screen.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"telnet did not show '{text}' within {timeout.TotalSeconds:0}s; screen:\n{Screen}");
            }

            await Task.Delay(20);
        }
    }

    private async Task ReadScreenAsync()
    {
        var buffer = new char[4096];
        try
        {
            while (true)
            {
                var n = await _process.StandardOutput.ReadAsync(buffer);
                if (n == 0)
                {
                    return;
                }

                lock (_screen)
                {
                    _screen.Append(buffer, 0, n);
                    if (_screen.Length > MaxKeptChars)
                    {
                        _screen.Remove(0, _screen.Length - MaxKeptChars);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away: the screen is complete.
        }
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
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }
}
