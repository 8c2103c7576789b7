using System.Net;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.Channels;

namespace Vty.Ssh.Server;

/// <summary>Everything an <see cref="SshServer"/> needs: where to listen, who it is, whom it lets in and what it runs.</summary>
public sealed class SshServerOptions
{
    /// <summary>Address and port to listen on; port 0 picks a free port (read it from <see cref="SshServer.Port"/>).</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>
    /// Host keys, one per type (ed25519, ECDSA, RSA). Required. Load or create persistent ones with
    /// <see cref="HostKeys.SshHostKeyStore"/>. An RSA key is offered as rsa-sha2-512 and rsa-sha2-256
    /// (and ssh-rsa only with <see cref="Legacy"/>).
    /// </summary>
    public IList<SshPrivateKey> HostKeys { get; set; } = new List<SshPrivateKey>();

    /// <summary>
    /// OpenSSH host certificates (sshd HostCertificate) of keys in <see cref="HostKeys"/>, parsed with
    /// <see cref="SshPublicKey.ParseOpenSshLine"/> from a "*-cert.pub" file. Each is presented, to clients
    /// that ask for certificate algorithms, instead of its plain key; by default those algorithms come first.
    /// </summary>
    public IList<SshPublicKey> HostCertificates { get; set; } = new List<SshPublicKey>();

    /// <summary>Which authentication methods are offered and how they decide.</summary>
    public SshServerAuthentication Authentication { get; set; } = new();

    /// <summary>Text sent to the client before it authenticates (SSH_MSG_USERAUTH_BANNER); null for none.</summary>
    public string? Banner { get; set; }

    /// <summary>Software part of the identification line "SSH-2.0-{SoftwareVersion}".</summary>
    public string SoftwareVersion { get; set; } = "Vty_1.0";

    /// <summary>Also offer legacy algorithms (SHA-1 kex, ssh-rsa, CBC, 3DES, hmac-sha1/md5), as the client's switch does.</summary>
    public bool Legacy { get; set; }

    /// <summary>Exact kex list, in preference order (null: the defaults, plus legacy ones with <see cref="Legacy"/>).</summary>
    public IList<string>? KexAlgorithms { get; set; }

    /// <summary>Exact host key signature algorithm list (null: everything the host keys can sign).</summary>
    public IList<string>? HostKeyAlgorithms { get; set; }

    /// <summary>Exact cipher list (null: defaults [+ legacy]).</summary>
    public IList<string>? Ciphers { get; set; }

    /// <summary>Exact MAC list (null: defaults [+ legacy]).</summary>
    public IList<string>? Macs { get; set; }

    /// <summary>Failed authentication attempts allowed per connection before it is cut off ("none" probes do not count).</summary>
    public int MaxAuthAttempts { get; set; } = 6;

    /// <summary>
    /// Time a client has from connecting to being authenticated (OpenSSH's LoginGraceTime). Clients
    /// that stall (idle, half-open, slow-loris) are disconnected when it expires.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Connections served at once; further connections are closed right after accept.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// Random early drop of new connections while many others have not authenticated yet
    /// (OpenSSH's MaxStartups, default 10:30:100); each of those is cut off after
    /// <see cref="HandshakeTimeout"/>. Before authentication a client's packets are also held to
    /// 35000 bytes and its unprocessed messages to 128 KiB. Labs and load tests that open
    /// hundreds of connections at once set a larger value or <see cref="SshMaxStartups.Unlimited"/>.
    /// </summary>
    public SshMaxStartups MaxStartups { get; set; } = SshMaxStartups.Default;

    /// <summary>Channels one connection may have open at once; a client opening more is disconnected.</summary>
    public int MaxChannelsPerConnection { get; set; } = 64;

    /// <summary>Listen backlog (pending connections the kernel queues before accept).</summary>
    public int ListenBacklog { get; set; } = 1024;

    /// <summary>How long <see cref="SshServer.StopAsync"/> waits for sessions to close before cutting them.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs a "session" channel once the client asks for a shell or an exec command: read stdin
    /// from <see cref="SshServerSessionChannel.Stream"/>, write stdout to it, return the exit
    /// status. Null: shell and exec requests are refused.
    /// </summary>
    public Func<SshServerSessionChannel, CancellationToken, Task<int>>? SessionHandler { get; set; }

    /// <summary>Subsystem handlers by name (e.g. "netconf", "sftp"); unknown names are refused.</summary>
    public IDictionary<string, Func<SshServerSessionChannel, CancellationToken, Task<int>>> Subsystems { get; } =
        new Dictionary<string, Func<SshServerSessionChannel, CancellationToken, Task<int>>>(StringComparer.Ordinal);

    /// <summary>
    /// Decides a "direct-tcpip" (port forwarding) channel: return a connected stream to bridge the
    /// channel to, or null to refuse. Null (the default): every such channel is refused.
    /// </summary>
    public Func<SshDirectTcpipRequest, CancellationToken, ValueTask<Stream?>>? DirectTcpipHandler { get; set; }

    /// <summary>
    /// Decides a "tcpip-forward" request (remote port forwarding, OpenSSH -R): return true to listen
    /// on the server's loopback at the requested port and hand each connection back to the client.
    /// Null (the default): every such request is refused. See <see cref="SshServerForwarding"/>.
    /// </summary>
    public Func<SshTcpipForwardRequest, CancellationToken, ValueTask<bool>>? TcpipForwardHandler { get; set; }

    /// <summary>Where connection events go (cut-offs, failed logins, errors). Secrets are never logged.</summary>
    public ILogger? Logger { get; set; }
}
