using Vty.Ssh.Scp;
using System.Text;
using Microsoft.Extensions.Logging;
using Vty.Ssh;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.Channels;

namespace Vty.Lab.Serving;

/// <summary>
/// Connects one emulated device to the SSH server: password and keyboard-interactive logins with
/// the lab credentials (refused when the device has the RejectLogin fault), exec requests through
/// <see cref="EmulatedDevice.ExecAsync"/>, shells through <see cref="EmulatedDevice.RunSessionAsync"/>
/// with the login dialog skipped.
/// </summary>
internal sealed class LabSshHandler(EmulatedDevice device, ILogger logger)
{
    public SshServerAuthentication CreateAuthentication(string user, string password)
    {
        bool Accept(string u, string p) =>
            device.Options.Fault != LabFault.RejectLogin && device.Profile.LoginName(u) == user && p == password;
        return new SshServerAuthentication
        {
            Password = (request, _) => ValueTask.FromResult(Accept(request.User, request.Password) ? SshAuthDecision.Success : SshAuthDecision.Failure),
            KeyboardInteractive = async (context, ct) =>
            {
                string[] answers = await context.AskAsync("", "", [new SshKeyboardInteractiveQuestion("Password: ")], ct).ConfigureAwait(false);
                return Accept(context.User, answers[0]) ? SshAuthDecision.Success : SshAuthDecision.Failure;
            },
        };
    }

    public async Task<int> RunAsync(SshServerSessionChannel session, CancellationToken ct)
    {
        switch (session.Kind)
        {
            case SshSessionKind.Exec when device.Profile.FileSystemName is { } flash && ScpCommand.Parse(session.Command ?? "") is { } scp:
                return await Files.LabScp.ServeAsync(device, flash, scp, session, logger, ct).ConfigureAwait(false);
            case SshSessionKind.Exec:
                {
                    LabExecResult result;
                    try
                    {
                        result = await device.ExecAsync(session.Command ?? "", ct).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        // A DropAfterLogin fault: the "device" hangs up without an exit status.
                        logger.LogDebug("lab device {Device} dropped an exec session: {Reason}", device.Hostname, e.Message);
                        throw new SshChannelClosedException(e.Message);
                    }
                    if (result.Output.Length > 0)
                        await session.Stream.WriteAsync(Encoding.UTF8.GetBytes(result.Output), ct).ConfigureAwait(false);
                    if (result.ErrorOutput.Length > 0)
                        await session.StandardError.WriteAsync(Encoding.UTF8.GetBytes(result.ErrorOutput), ct).ConfigureAwait(false);
                    return result.ExitStatus;
                }
            case SshSessionKind.Shell:
                {
                    var start = new LabSessionStart(PreAuthenticated: true, User: session.Connection.User, Columns: session.Columns, Rows: session.Rows);
                    return await device.RunSessionAsync(session.Stream, start, ct).ConfigureAwait(false);
                }
            case SshSessionKind.Subsystem when session.Subsystem == "sftp" && device.Profile.ShellSyntax:
                // Linux profiles serve their own file tree (the one ls and cat see) over SFTP.
                await Vty.Ssh.Sftp.Server.SftpServer.ServeAsync(session.Stream, session.Stream,
                    new Files.LabLinuxFiles(device.State, session.Connection.User), null, logger, ct).ConfigureAwait(false);
                return 0;
            default:
                logger.LogDebug("lab device {Device} has no subsystem {Subsystem}", device.Hostname, session.Subsystem);
                return 1;
        }
    }
}
