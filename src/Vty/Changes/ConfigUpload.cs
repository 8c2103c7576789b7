using System.Text;
using Vty.Devices;
using Vty.History;
using Vty.Protocols;
using Vty.Ssh;
using Vty.Ssh.FileTransfer;

namespace Vty.Changes;

/// <summary>
/// Puts a configuration on a device's file system over SCP (a second channel of the session's SSH
/// connection) for the platforms that replace their configuration from a file, and removes it again.
/// The text carries the device's secrets, so the local copy is private and deleted at once.
/// </summary>
internal static class ConfigUpload
{
    /// <summary>Copies <paramref name="text"/> to <paramref name="remote"/>; returns the bytes sent.</summary>
    /// <exception cref="DeviceOperationException">The session is not SSH, or the copy failed (the configuration is unchanged).</exception>
    public static async Task<long> UploadAsync(DeviceSession device, string text, string remote, CancellationToken cancellationToken)
    {
        if (device.Protocol is not SshProtocol { Client: { } ssh })
            throw new DeviceOperationException($"a rollback on '{device.Driver.Name}' copies the configuration to the device over SCP, which needs an SSH session; connect with ssh://; nothing was sent");
        DirectoryInfo folder = Directory.CreateTempSubdirectory("vty-rollback-");
        try
        {
            string file = Path.Combine(folder.FullName, "configuration");
            await using (var stream = new FileStream(file, PrivateFile.Options()))
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            FileTransferResult sent = await SshFileTransfer.UploadAsync(ssh, file, remote, false, new FileTransferOptions(), FileTransferProtocol.Scp, cancellationToken).ConfigureAwait(false);
            return sent.Bytes;
        }
        catch (SshException e)
        {
            throw new DeviceOperationException($"copying the configuration to {remote} failed: {e.Message}; the device's configuration is unchanged", e);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
