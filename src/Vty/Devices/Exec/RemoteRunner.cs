using System.Text;

namespace Vty.Devices.Exec;

/// <summary>
/// Fabric-style command execution on a host without a terminal: <see cref="RunAsync"/> returns
/// the exit status, stdout and stderr; <see cref="SudoAsync"/> runs through sudo and answers its
/// password prompt (and only that prompt: the password is never sent unless sudo asks).
/// </summary>
public sealed class RemoteRunner : IAsyncDisposable
{
    // A prompt no real program prints, so it cannot be confused with command output.
    private const string SudoPrompt = "[vty-sudo-7f3a] password: ";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);
    private readonly IRemoteExecutor _executor;

    public RemoteRunner(IRemoteExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    /// <summary>The host commands run on.</summary>
    public string Host => _executor.Host;

    /// <summary>Runs a command and collects its result.</summary>
    /// <exception cref="RunFailedException">The exit status is not an ok one (with <see cref="RunOptions.Check"/>).</exception>
    /// <exception cref="TimeoutException">The command ran longer than its timeout.</exception>
    public Task<RunResult> RunAsync(string command, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return ExecuteAsync(command, command, sudoPassword: null, sudo: false, options ?? new RunOptions(), cancellationToken);
    }

    /// <summary>Runs a command as root through <c>sudo</c>, answering its password prompt with <paramref name="password"/>.</summary>
    /// <exception cref="RunFailedException">sudo refused the password, or the command failed.</exception>
    public Task<RunResult> SudoAsync(string command, string? password, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        string wrapped = $"sudo -S -p '{SudoPrompt}' -- sh -c {ShellQuote(command)}";
        return ExecuteAsync(command, wrapped, password, sudo: true, options ?? new RunOptions(), cancellationToken);
    }

    public ValueTask DisposeAsync() => _executor.DisposeAsync();

    /// <summary>Single-quotes <paramref name="text"/> for a POSIX shell.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task<RunResult> ExecuteAsync(string command, string wireCommand, string? sudoPassword, bool sudo, RunOptions options, CancellationToken cancellationToken)
    {
        TimeSpan timeout = options.Timeout ?? DefaultTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        CancellationToken ct = cts.Token;
        try
        {
            await using IRemoteProcess process = await _executor.StartAsync(wireCommand, ct).ConfigureAwait(false);
            var stdout = new BoundedText(options.MaxOutputBytes, "stdout");
            var stderr = new BoundedText(options.MaxOutputBytes, "stderr");
            var inputClosed = 0;

            async ValueTask CloseInputOnceAsync()
            {
                if (Interlocked.Exchange(ref inputClosed, 1) == 0)
                    await process.CloseInputAsync(ct).ConfigureAwait(false);
            }

            if (!sudo)
            {
                if (options.Input is not null)
                {
                    byte[] input = Encoding.UTF8.GetBytes(options.Input);
                    await process.StandardInput.WriteAsync(input, ct).ConfigureAwait(false);
                    await process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
                }
                await CloseInputOnceAsync().ConfigureAwait(false);
            }

            int promptsSeen = 0;
            bool passwordRefused = false;
            async Task PumpStderrAsync()
            {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = await process.StandardError.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    stderr.Append(buffer.AsSpan(0, read));
                    if (!sudo) continue;
                    int prompts = stderr.Count(SudoPrompt);
                    if (prompts > promptsSeen)
                    {
                        promptsSeen = prompts;
                        if (prompts > 1 || sudoPassword is null)
                        {
                            passwordRefused = true;
                            await CloseInputOnceAsync().ConfigureAwait(false);
                            continue;
                        }
                        byte[] answer = Encoding.UTF8.GetBytes(sudoPassword + "\n");
                        await process.StandardInput.WriteAsync(answer, ct).ConfigureAwait(false);
                        await process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
                        Array.Clear(answer);
                        await CloseInputOnceAsync().ConfigureAwait(false);
                    }
                }
            }

            async Task PumpStdoutAsync()
            {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = await process.StandardOutput.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    stdout.Append(buffer.AsSpan(0, read));
                    // Output before any prompt means sudo did not ask (cached or NOPASSWD): stdin is not for it.
                    if (sudo && promptsSeen == 0)
                        await CloseInputOnceAsync().ConfigureAwait(false);
                }
            }

            await Task.WhenAll(PumpStdoutAsync(), PumpStderrAsync()).ConfigureAwait(false);
            (int? status, string? signal) = await process.WaitForExitAsync(ct).ConfigureAwait(false);
            string errorText = stderr.Text.Replace(SudoPrompt, "", StringComparison.Ordinal);
            var result = new RunResult(command, status ?? -1, stdout.Text, errorText, signal);

            if (sudo && (passwordRefused || (promptsSeen > 0 && sudoPassword is null)))
            {
                string why = sudoPassword is null ? "sudo asked for a password and none was given (set VTY_PASSWORD or password_env)" : "sudo refused the password";
                throw new RunFailedException($"{why} on {Host} for '{command}'", result);
            }
            if (options.Check && !options.OkExitCodes.Contains(result.ExitCode))
            {
                string detail = FirstLine(errorText) ?? FirstLine(result.Stdout) ?? "no output";
                string status_ = signal is null ? $"exit status {result.ExitCode}" : $"signal {signal}";
                throw new RunFailedException($"'{command}' failed on {Host} with {status_}: {detail}", result);
            }
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && cts.IsCancellationRequested)
        {
            throw new TimeoutException($"'{command}' did not finish on {Host} within {timeout.TotalSeconds:0.#} s");
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    /// <summary>Output collected up to a byte limit, decoded as UTF-8 at the end.</summary>
    private sealed class BoundedText(int limit, string name)
    {
        private readonly MemoryStream _bytes = new();

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_bytes.Length + data.Length > limit)
                throw new IOException($"the command's {name} exceeded {limit} bytes; raise RunOptions.MaxOutputBytes or redirect it to a file");
            _bytes.Write(data);
        }

        public string Text => Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);

        public int Count(string marker)
        {
            string text = Text;
            int count = 0;
            for (int i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
                count++;
            return count;
        }
    }
}
