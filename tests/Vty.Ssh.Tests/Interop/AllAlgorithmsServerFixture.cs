using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>
/// One sshd for the whole algorithm matrix: every default and legacy algorithm enabled on the
/// server, host keys of every type. Each test forces the client to one algorithm.
/// </summary>
public sealed class AllAlgorithmsServerFixture : IAsyncLifetime
{
    public OpenSshServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OpenSshServer.StartAsync(new Dictionary<string, string>
        {
            ["KexAlgorithms"] = "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521," +
                "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256," +
                "diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1",
            ["HostKeyAlgorithms"] = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa,ssh-dss",
            ["Ciphers"] = "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr," +
                "aes128-cbc,aes192-cbc,aes256-cbc,3des-cbc",
            ["MACs"] = "hmac-sha2-256,hmac-sha2-512,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1,hmac-sha1-etm@openssh.com," +
                "hmac-sha1-96,hmac-md5",
            ["PubkeyAcceptedAlgorithms"] = "+ssh-rsa,ssh-dss",
        }, hostKeys: ["ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa", "dsa"]);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
