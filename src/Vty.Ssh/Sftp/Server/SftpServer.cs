using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.FileSystems;
using Vty.Ssh.Server.Channels;

namespace Vty.Ssh.Sftp.Server;

/// <summary>
/// The SFTP server side: plug <see cref="Subsystem"/> into <see cref="Vty.Ssh.Server.SshServerOptions.Subsystems"/>
/// under "sftp", or run <see cref="ServeAsync"/> over any pair of streams.
/// </summary>
public static class SftpServer
{
    /// <summary>
    /// A subsystem handler that serves the file system <paramref name="fileSystemFor"/> picks for each
    /// session (e.g. per user); returns exit status 0 when the client ends the session.
    /// </summary>
    public static Func<SshServerSessionChannel, CancellationToken, Task<int>> Subsystem(
        Func<SshServerSessionChannel, IServedFileSystem> fileSystemFor, SftpServerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystemFor);
        return async (session, ct) =>
        {
            await ServeAsync(session.Stream, session.Stream, fileSystemFor(session), options, logger, ct);
            return 0;
        };
    }

    /// <summary>Serves one SFTP session until the client closes its side.</summary>
    /// <exception cref="SftpProtocolException">The client broke the protocol (the session is over).</exception>
    public static Task ServeAsync(Stream fromClient, Stream toClient, IServedFileSystem fileSystem, SftpServerOptions? options, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return new SftpServerSession(fromClient, toClient, fileSystem, options ?? new SftpServerOptions(), logger ?? NullLogger.Instance).RunAsync(ct);
    }
}
