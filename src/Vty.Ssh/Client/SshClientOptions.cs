using Microsoft.Extensions.Logging;
using Vty.Ssh.Keys;

namespace Vty.Ssh;

/// <summary>Where and how <see cref="SshClient"/> connects, authenticates and checks the host key.</summary>
public sealed class SshClientOptions
{
    /// <summary>Host name or IP address.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 22;

    public string Username { get; set; } = "";

    /// <summary>Password for "password" and for password prompts of "keyboard-interactive".</summary>
    public string? Password { get; set; }

    /// <summary>Keys for "publickey", tried in order (after the ones the agent also holds; see <see cref="IdentityAgent"/>).</summary>
    public IList<SshPrivateKey> PrivateKeys { get; set; } = new List<SshPrivateKey>();

    /// <summary>
    /// OpenSSH user certificates (a "*-cert.pub" file's key, parsed with <see cref="SshPublicKey.ParseOpenSshLine"/>)
    /// offered right after the key they certify; that key may be in <see cref="PrivateKeys"/> or in the agent.
    /// </summary>
    public IList<SshPublicKey> Certificates { get; set; } = new List<SshPublicKey>();

    /// <summary>
    /// The ssh-agent whose keys (and certificates) "publickey" also tries (OpenSSH IdentityAgent): a socket
    /// path, "SSH_AUTH_SOCK" or "$VAR" for the socket an environment variable names, or null/"none" for no
    /// agent. ssh_config mapping sets "SSH_AUTH_SOCK" unless IdentityAgent says otherwise, as ssh does.
    /// </summary>
    public string? IdentityAgent { get; set; }

    /// <summary>Offer only <see cref="PrivateKeys"/> and <see cref="Certificates"/>, not the agent's other keys (OpenSSH IdentitiesOnly).</summary>
    public bool IdentitiesOnly { get; set; }

    /// <summary>Answers keyboard-interactive prompts that are not plain password prompts.</summary>
    public Func<SshKeyboardInteractivePrompt, CancellationToken, ValueTask<string[]>>? KeyboardInteractive { get; set; }

    /// <summary>known_hosts file read and appended to (default ~/.ssh/known_hosts).</summary>
    public string? KnownHostsPath { get; set; }

    /// <summary>
    /// More known_hosts files that are only read, after <see cref="KnownHostsPath"/>: further
    /// UserKnownHostsFile entries, then GlobalKnownHostsFile ones (e.g. /etc/ssh/ssh_known_hosts). A key
    /// in any of them is known; a missing file counts as empty.
    /// </summary>
    public IList<string> ReadOnlyKnownHostsPaths { get; set; } = new List<string>();

    /// <summary>Write new known_hosts entries with hashed host names (OpenSSH HashKnownHosts); hashed entries are always read.</summary>
    public bool HashKnownHosts { get; set; }

    public HostKeyPolicy HostKeyPolicy { get; set; } = HostKeyPolicy.AcceptNew;

    /// <summary>Decides about the host key under <see cref="HostKeyPolicy.Callback"/>; return true to trust.</summary>
    public Func<SshHostKeyCheck, CancellationToken, ValueTask<bool>>? HostKeyCallback { get; set; }

    /// <summary>
    /// Told when the host key check adds a key to known_hosts or lets a changed key through
    /// (<see cref="HostKeyPolicy.AcceptAny"/>); the message is what OpenSSH's ssh prints to stderr then.
    /// Both events are also logged through <see cref="Logger"/> as warnings.
    /// </summary>
    public Action<SshHostKeyNotice>? HostKeyNotice { get; set; }

    /// <summary>Also offer the legacy algorithms (SHA-1 kex, ssh-rsa, ssh-dss, CBC ciphers, hmac-md5…) after the defaults.</summary>
    public bool Legacy { get; set; }

    /// <summary>Exact key exchange list (null: defaults, plus legacy ones when <see cref="Legacy"/>).</summary>
    public IList<string>? KexAlgorithms { get; set; }

    /// <summary>Exact host key algorithm list (null: defaults [+ legacy]).</summary>
    public IList<string>? HostKeyAlgorithms { get; set; }

    /// <summary>Exact cipher list (null: defaults [+ legacy]).</summary>
    public IList<string>? Ciphers { get; set; }

    /// <summary>Exact MAC list (null: defaults [+ legacy]).</summary>
    public IList<string>? Macs { get; set; }

    /// <summary>Signature algorithms allowed for "publickey" (OpenSSH PubkeyAcceptedAlgorithms; null: every one the key supports).</summary>
    public IList<string>? PublicKeyAlgorithms { get; set; }

    /// <summary>
    /// Authentication methods to try, in order (OpenSSH PreferredAuthentications: publickey,
    /// keyboard-interactive, password); a method left out is never tried. Null: that default order.
    /// </summary>
    public IList<string>? AuthenticationMethods { get; set; }

    /// <summary>Name to look the host key up under in known_hosts instead of the host (OpenSSH HostKeyAlias).</summary>
    public string? HostKeyAlias { get; set; }

    /// <summary>Limit for TCP connect, key exchange and authentication together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Limit for opening a channel and each channel request (not for reading command output).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Send keepalive@openssh.com this often; the connection is dropped after <see cref="KeepAliveCountMax"/> unanswered (OpenSSH ServerAliveInterval).</summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>Unanswered keepalives before the connection is dropped (OpenSSH ServerAliveCountMax).</summary>
    public int KeepAliveCountMax { get; set; } = 3;

    /// <summary>Re-key after this many bytes in either direction.</summary>
    public long RekeyBytesLimit { get; set; } = 1L << 30;

    /// <summary>Re-key after this long with the same keys.</summary>
    public TimeSpan RekeyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Jump hosts (OpenSSH ProxyJump), in the order they are passed: the first is reached directly
    /// (or through its own <see cref="ProxyCommand"/>), each next one and finally this host through a
    /// "direct-tcpip" channel of the previous hop. Each hop has its own user, credentials, host key
    /// check and timeouts; hops must not list jump hosts of their own. The hops stay connected
    /// while the client is, and are closed with it.
    /// </summary>
    public IList<SshClientOptions> JumpHosts { get; set; } = new List<SshClientOptions>();

    /// <summary>
    /// Command whose stdin/stdout carry the connection instead of a TCP socket (OpenSSH
    /// ProxyCommand), run by /bin/sh; %h, %p, %r and %% are replaced by host, port, user and "%".
    /// Cannot be combined with <see cref="JumpHosts"/>.
    /// </summary>
    public string? ProxyCommand { get; set; }

    /// <summary>
    /// Forward the local ssh-agent (OpenSSH -A / ForwardAgent): sessions ask the server for agent
    /// forwarding, and the server's "auth-agent@openssh.com" channels are relayed to <see cref="AgentSocketPath"/>.
    /// </summary>
    public bool ForwardAgent { get; set; }

    /// <summary>The agent socket to forward (null: $SSH_AUTH_SOCK).</summary>
    public string? AgentSocketPath { get; set; }

    public ILogger? Logger { get; set; }
}
