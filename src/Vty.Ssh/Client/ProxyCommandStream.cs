using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Vty.Ssh;

/// <summary>
/// A child process as a duplex stream (OpenSSH ProxyCommand): writes go to its stdin, reads come
/// from its stdout. Its stderr is logged and its tail kept for error messages. Disposing closes
/// stdin, gives the process a moment to exit, then kills it.
/// </summary>
internal sealed class ProxyCommandStream : Stream
{
    private const int StderrTailChars = 2048;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly StringBuilder _stderrTail = new();
    private readonly Task _stderrPump;
    private int _disposed;

    private ProxyCommandStream(Process process, ILogger log)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        _stderrPump = PumpStderrAsync(log);
    }

    /// <summary>The command line after token expansion.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The last lines the command wrote to stderr.</summary>
    public string StderrTail
    {
        get { lock (_stderrTail) return _stderrTail.ToString().Trim(); }
    }

    /// <summary>Expands %h %p %r %n %% the way OpenSSH does for ProxyCommand; an unknown token is an error.</summary>
    public static string Expand(string command, string host, int port, string user)
    {
        var result = new StringBuilder(command.Length + 16);
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c != '%')
            {
                result.Append(c);
                continue;
            }
            if (++i >= command.Length)
                throw new ArgumentException($"ProxyCommand '{command}' ends with a lone '%'; write %% for a literal percent sign");
            result.Append(command[i] switch
            {
                'h' or 'n' => host,
                'p' => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                'r' => user,
                '%' => "%",
                char other => throw new ArgumentException($"ProxyCommand '{command}' has the token %{other}, which is not supported; use %h, %p, %r or %%"),
            });
        }
        return result.ToString();
    }

    /// <summary>Starts <c>/bin/sh -c "exec COMMAND"</c>; throws <see cref="SshConnectionException"/> when it cannot start.</summary>
    public static ProxyCommandStream Start(string commandLine, ILogger log)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec " + commandLine);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new SshConnectionException($"ProxyCommand '{commandLine}' did not start");
        }
        catch (Win32Exception e)
        {
            throw new SshConnectionException($"cannot run ProxyCommand '{commandLine}' (/bin/sh: {e.Message})", e);
        }
        log.LogDebug("ProxyCommand started (pid {Pid}): {Command}", process.Id, commandLine);
        return new ProxyCommandStream(process, log) { CommandLine = commandLine };
    }

    /// <summary>
    /// For error messages, after the connection failed: how the command ended and what it said on
    /// stderr, waiting briefly so a command that just failed has exited and been heard.
    /// </summary>
    public async Task<string> DescribeFailureAsync()
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            await _stderrPump.WaitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException) { }
        string exit = _process.HasExited ? $"exited with status {_process.ExitCode}" : "is still running";
        string said = StderrTail;
        return said.Length > 0 ? $"{exit} and said: {said}" : exit;
    }

    private async Task PumpStderrAsync(ILogger log)
    {
        try
        {
            string? line;
            while ((line = await _process.StandardError.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                log.LogDebug("ProxyCommand: {Line}", line);
                lock (_stderrTail)
                {
                    _stderrTail.AppendLine(line);
                    if (_stderrTail.Length > StderrTailChars) _stderrTail.Remove(0, _stderrTail.Length - StderrTailChars);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _stdout.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _stdout.ReadAsync(buffer, offset, count, cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _stdin.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await _stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => _stdin.FlushAsync(cancellationToken);
    public override void Flush() => _stdin.Flush();
    public override int Read(byte[] buffer, int offset, int count) => _stdout.Read(buffer, offset, count);
    public override void Write(byte[] buffer, int offset, int count) => _stdin.Write(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try { _stdin.Dispose(); } catch (IOException) { }
            // Not waited for here: the transport disposes its stream synchronously. The process gets
            // a moment to leave on its own (its stdin is closed), then it is killed.
            _ = ReapAsync();
        }
        base.Dispose(disposing);
    }

    private async Task ReapAsync()
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            await _stderrPump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or IOException) { }
        finally
        {
            _stdout.Dispose();
            _process.Dispose();
        }
    }
}
