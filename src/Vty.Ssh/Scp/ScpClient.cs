using System.Text;
using Vty.Ssh.FileSystems;
using Vty.Ssh.FileTransfer;

namespace Vty.Ssh.Scp;

/// <summary>
/// Copies files with the SCP protocol (the remote side runs "scp -t" or "scp -f"), which network
/// devices speak where they have no SFTP (Cisco <c>ip scp server enable</c>, NX-OS, Junos).
/// Local paths are ordinary paths of this machine.
/// </summary>
public sealed class ScpClient(SshClient ssh)
{
    private static readonly DiskJailFileSystem LocalFiles = new("/");

    /// <summary>Uploads a file, or with <paramref name="recursive"/> a directory tree; returns the bytes sent.</summary>
    /// <exception cref="ScpException">The remote side refused (no such directory, permission denied, no space).</exception>
    /// <exception cref="FileTransferUnavailableException">The server has no scp command.</exception>
    public async Task<long> UploadAsync(string localPath, string remotePath, bool recursive, FileTransferOptions? options, CancellationToken ct)
    {
        options ??= FileTransferOptions.Default;
        string local = Path.GetFullPath(localPath);
        var command = new ScpCommand(Sink: true, recursive, options.Preserve, TargetIsDirectory: false, [remotePath]);
        await using SshExecSession session = await ssh.StartExecAsync(command.ToCommandLine(), ct);
        Task<string> stderr = ReadAllAsync(session.StandardError, ct);
        var reader = new ScpStreamReader(session.StandardOutput);
        try
        {
            if (await ScpWire.ReadResponseAsync(reader, remotePath, ct) is { } refused) throw refused;
            var source = new ScpSource(LocalFiles, reader, session.StandardInput, options);
            await source.SendAsync(local, recursive, ct);
            await session.CloseInputAsync(ct);
            await FinishAsync(session, stderr, source.Errors, ct);
            return source.BytesSent;
        }
        catch (ScpProtocolException e) when (reader is not null)
        {
            throw await ExplainAsync(session, stderr, e, ct);
        }
    }

    /// <summary>Downloads a file, or with <paramref name="recursive"/> a directory tree; returns the bytes received.</summary>
    public async Task<long> DownloadAsync(string remotePath, string localPath, bool recursive, FileTransferOptions? options, CancellationToken ct)
    {
        options ??= FileTransferOptions.Default;
        string local = Path.GetFullPath(localPath);
        var command = new ScpCommand(Sink: false, recursive, options.Preserve, TargetIsDirectory: false, [remotePath]);
        await using SshExecSession session = await ssh.StartExecAsync(command.ToCommandLine(), ct);
        Task<string> stderr = ReadAllAsync(session.StandardError, ct);
        var reader = new ScpStreamReader(session.StandardOutput);
        try
        {
            var sink = new ScpSink(LocalFiles, reader, session.StandardInput, options);
            await sink.ReceiveAsync(local, targetMustBeDirectory: false, ct);
            await session.CloseInputAsync(ct);
            if (sink.Written.Count == 0 && sink.Errors.Count == 0)
                throw await ExplainAsync(session, stderr, new ScpProtocolException("the remote scp sent nothing"), ct);
            await FinishAsync(session, stderr, sink.Errors, ct);
            return sink.BytesReceived;
        }
        catch (ScpProtocolException e)
        {
            throw await ExplainAsync(session, stderr, e, ct);
        }
    }

    private static async Task FinishAsync(SshExecSession session, Task<string> stderr, List<FileTransferException> errors, CancellationToken ct)
    {
        int? status = await session.WaitForExitAsync(ct);
        if (errors.Count > 0)
        {
            FileTransferException first = errors[0];
            throw errors.Count == 1 ? first : new ScpException($"{errors.Count} errors, the first: {first.Message}", first.Kind, first.Path, first);
        }
        if (status is not (0 or null))
        {
            string text = (await stderr).Trim();
            throw new ScpException($"the remote scp exited with status {status}{(text.Length > 0 ? $": {text}" : "")}", ScpException.Classify(text), null);
        }
    }

    /// <summary>A protocol break usually means there is no scp at the other end: say so with what it printed.</summary>
    private static async Task<Exception> ExplainAsync(SshExecSession session, Task<string> stderr, ScpProtocolException e, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(5));
        int? status = null;
        string text = "";
        try
        {
            status = await session.WaitForExitAsync(wait.Token);
            text = (await stderr.WaitAsync(wait.Token)).Trim();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        if (status == 127 || text.Contains("not found", StringComparison.OrdinalIgnoreCase) || text.Contains("Invalid", StringComparison.OrdinalIgnoreCase))
            return new FileTransferUnavailableException($"the server cannot run scp ({(text.Length > 0 ? text : $"exit status {status}")}); it offers no file transfer Vty can use", e);
        return text.Length > 0 ? new ScpProtocolException($"{e.Message}; the remote side said: {text}", e) : e;
    }

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
            if (buffer.Length < 64 * 1024) buffer.Write(chunk, 0, n);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
