using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.FileSystems;
using Vty.Ssh.FileTransfer;
using Vty.Ssh.Server.Channels;

namespace Vty.Ssh.Scp;

/// <summary>
/// The server side of SCP: answers "scp -t" (receive) and "scp -f" (send) exec requests from an
/// <see cref="IServedFileSystem"/>, as OpenSSH's scp does for <c>scp -O</c> and for clients that
/// speak only the legacy protocol (network gear, Netmiko, paramiko's scp).
/// </summary>
public static class ScpServer
{
    /// <summary>
    /// A session handler that serves scp commands and passes every other session to
    /// <paramref name="next"/> (null: other commands fail with exit status 127).
    /// </summary>
    public static Func<SshServerSessionChannel, CancellationToken, Task<int>> SessionHandler(
        Func<SshServerSessionChannel, IServedFileSystem> fileSystemFor,
        Func<SshServerSessionChannel, CancellationToken, Task<int>>? next = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystemFor);
        return async (session, ct) =>
        {
            if (session.Kind == SshSessionKind.Exec && ScpCommand.Parse(session.Command ?? "") is { } command)
                return await ServeAsync(command, session.Stream, session.Stream, fileSystemFor(session), logger, ct);
            if (next != null) return await next(session, ct);
            await session.StandardError.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"{session.Command ?? "shell"}: command not found\n"), ct);
            return 127;
        };
    }

    /// <summary>Runs one scp command over a pair of streams; returns the exit status (0: no errors).</summary>
    public static async Task<int> ServeAsync(ScpCommand command, Stream fromClient, Stream toClient, IServedFileSystem fileSystem, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        logger ??= NullLogger.Instance;
        var reader = new ScpStreamReader(fromClient);
        var options = new FileTransferOptions { Preserve = command.Preserve };
        try
        {
            if (command.Sink)
            {
                if (command.Paths.Count != 1) throw new ScpProtocolException("scp -t takes exactly one target");
                var sink = new ScpSink(fileSystem, reader, toClient, options);
                await sink.ReceiveAsync(VirtualPath.Normalize(command.Paths[0], fileSystem.HomeDirectory), command.TargetIsDirectory, ct);
                return sink.Errors.Count == 0 ? 0 : 1;
            }
            var source = new ScpSource(fileSystem, reader, toClient, options);
            // The sink speaks first: one byte saying it is ready.
            if (await ScpWire.ReadResponseAsync(reader, null, ct) is { } refused) throw refused;
            foreach (string path in command.Paths)
                await source.SendAsync(VirtualPath.Normalize(path, fileSystem.HomeDirectory), command.Recursive, ct);
            return source.Errors.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is ScpException or ScpProtocolException)
        {
            logger.LogDebug("scp {Mode} ended with an error: {Error}", command.Sink ? "-t" : "-f", e.Message);
            return 1;
        }
    }
}
