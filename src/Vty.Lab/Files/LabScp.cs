using Microsoft.Extensions.Logging;
using Vty.Ssh.Scp;
using Vty.Ssh.Server.Channels;

namespace Vty.Lab.Files;

/// <summary>SCP to and from a device's flash ("scp -t flash:/image.bin"), as <c>ip scp server enable</c> allows on IOS.</summary>
internal static class LabScp
{
    public static async Task<int> ServeAsync(EmulatedDevice device, string flash, ScpCommand command, SshServerSessionChannel session, ILogger logger, CancellationToken ct)
    {
        var paths = new List<string>(command.Paths.Count);
        foreach (string path in command.Paths)
        {
            if (LabFlash.ToFlashPath(path, flash) is not { } flashPath)
            {
                await session.Stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"\u0002scp: {path}: No such device\n"), ct).ConfigureAwait(false);
                return 1;
            }
            paths.Add(flashPath);
        }
        device.State.LogCommand(command.ToCommandLine());
        return await ScpServer.ServeAsync(command with { Paths = paths }, session.Stream, session.Stream, LabFlash.Of(device.State), logger, ct).ConfigureAwait(false);
    }
}
