using Vty.Ssh.Sftp;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>
/// Over an SSH channel the SFTP session parses replies on the connection's read loop. A broken
/// reply must end that SFTP session with a typed error and nothing else: the connection and its
/// other channels go on. The server is OpenSSH's sshd with a scripted "sftp" subsystem.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SftpChannelSinkTests
{
    [Fact]
    public async Task ABrokenReplyEndsTheSftpSessionButNotTheConnection()
    {
        using var keys = new TempDirectory();
        using var shared = SftpTestFiles.SharedDirectory();
        CancellationToken ct = TestTimeouts.LongToken();
        // Answers INIT with VERSION 3 (no extensions), then the first request with a length of 4 GiB - 1.
        string script = shared.File("broken-sftp");
        await File.WriteAllTextAsync(script, """
            #!/bin/bash
            head -c 9 >/dev/null
            printf '\x00\x00\x00\x05\x02\x00\x00\x00\x03'
            head -c 4 >/dev/null
            printf '\xff\xff\xff\xff'
            exec cat >/dev/null
            """.Replace("\r", ""), ct);
        File.SetUnixFileMode(script, (UnixFileMode)0x1ED); // 0755
        await using OpenSshServer server = await OpenSshServer.StartAsync(new Dictionary<string, string> { ["Subsystem"] = "sftp " + script });
        var (ssh, sftp) = await SftpServers.ConnectAsync(server.Port, keys, ct);
        await using var _ = ssh;
        await using var __ = sftp;

        var broken = await Assert.ThrowsAsync<SftpProtocolException>(() => sftp.GetFullPathAsync(".", ct));
        Assert.Contains("4294967295 bytes", broken.Message);
        await Assert.ThrowsAsync<SftpProtocolException>(() => sftp.GetFullPathAsync(".", ct));

        SshExecResult still = await ssh.ExecuteAsync("echo still here", ct);
        Assert.Equal("still here\n", System.Text.Encoding.UTF8.GetString(still.StandardOutput));
    }
}
