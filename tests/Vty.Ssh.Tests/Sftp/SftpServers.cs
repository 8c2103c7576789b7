using Vty.Ssh.Sftp;
using Vty.Ssh.Tests.Interop;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Starts the real servers with SFTP on and connects our client to them.</summary>
internal static class SftpServers
{
    /// <summary>OpenSSH sshd serving SFTP with internal-sftp.</summary>
    public static Task<OpenSshServer> OpenSshAsync(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Subsystem"] = "sftp internal-sftp" };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
        return OpenSshServer.StartAsync(settings);
    }

    public static async Task<(SshClient Ssh, SftpClient Sftp)> ConnectAsync(int port, TempDirectory dir, CancellationToken ct, string? cipher = null, SftpClientOptions? options = null)
    {
        SshClientOptions sshOptions = ClientOptionsFactory.ForPassword(port, dir);
        if (cipher != null) sshOptions.Ciphers = [cipher];
        SshClient ssh = await SshClient.ConnectAsync(sshOptions, ct);
        try
        {
            return (ssh, await SftpClient.OpenAsync(ssh, options, ct));
        }
        catch
        {
            await ssh.DisposeAsync();
            throw;
        }
    }
}
