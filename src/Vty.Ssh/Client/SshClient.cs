using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Authentication;
using Vty.Ssh.Connection;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport;

namespace Vty.Ssh;

/// <summary>
/// An SSH-2 client connection: TCP (or any duplex stream: a jump host's channel, a proxy
/// command), key exchange, host key check and authentication in <see cref="ConnectAsync(SshClientOptions, CancellationToken)"/>,
/// then any number of concurrent exec, shell, subsystem, direct-tcpip and forwarding channels.
/// </summary>
public sealed partial class SshClient : IAsyncDisposable
{
    private readonly SshClientOptions _options;
    private readonly SshTransport _transport;
    private readonly SshConnection _connection;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _lifetime = new();
    private Task? _keepAlive;
    private IReadOnlyList<SshClient> _jumpHosts = [];

    private SshClient(SshClientOptions options, SshTransport transport, SshConnection connection, string? banner, ILogger log)
    {
        _options = options;
        _transport = transport;
        _connection = connection;
        AuthenticationBanner = banner;
        _log = log;
        connection.ChannelOpenHandler = OnChannelOpenAsync;
    }

    /// <summary>The connected jump hosts this connection runs through, first hop first (empty when direct).</summary>
    public IReadOnlyList<SshClient> JumpHosts => _jumpHosts;

    /// <summary>The options this client was connected with.</summary>
    public SshClientOptions Options => _options;

    /// <summary>The server's identification string, e.g. "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10".</summary>
    public string ServerVersion => _transport.PeerIdentification;

    /// <summary>The server's authentication banner, if any.</summary>
    public string? AuthenticationBanner { get; }

    /// <summary>The server's host key, verified by signature and by the host key policy.</summary>
    public SshPublicKey ServerHostKey => _transport.HostKey!;

    /// <summary>True until the connection fails or is disposed.</summary>
    public bool IsConnected => _transport.IsConnected;

    /// <summary>The algorithms of the current keys.</summary>
    public NegotiatedAlgorithms Algorithms => _transport.Algorithms!;

    /// <summary>Key exchanges done so far (1 + re-keys).</summary>
    public int KeyExchangeCount => _transport.KeyExchangeCount;

    /// <summary>The transport (for diagnostics and advanced use).</summary>
    public SshTransport Transport => _transport;

    /// <summary>Completes when the connection ends (faulted with the reason unless we closed it).</summary>
    public Task Completion => _transport.Completion;

    /// <summary>Refuses, before any traffic, an algorithm list naming something Vty cannot run (it would be advertised).</summary>
    internal static void ValidateAlgorithmLists(SshClientOptions options)
    {
        AlgorithmList.Validate(SshAlgorithmCategory.Kex, options.KexAlgorithms);
        AlgorithmList.Validate(SshAlgorithmCategory.HostKey, options.HostKeyAlgorithms);
        AlgorithmList.Validate(SshAlgorithmCategory.Cipher, options.Ciphers);
        AlgorithmList.Validate(SshAlgorithmCategory.Mac, options.Macs);
        AlgorithmList.Validate(SshAlgorithmCategory.PublicKey, options.PublicKeyAlgorithms);
    }

    /// <summary>The transport settings for these options (algorithm lists, re-key limits, host key policy).</summary>
    internal static SshTransportSettings BuildSettings(SshClientOptions options, ILogger log, HostKeyVerifier hostKeys)
    {
        static IReadOnlyList<string> Pick(IList<string>? exact, IReadOnlyList<string> defaults, IReadOnlyList<string> legacy, bool useLegacy) =>
            exact != null ? [.. exact] : useLegacy ? [.. defaults, .. legacy.Where(l => !defaults.Contains(l))] : defaults;
        bool legacyKex = options.Legacy;
        IReadOnlyList<string> hostKeyAlgorithms = hostKeys.OrderHostKeyAlgorithms(
            Pick(options.HostKeyAlgorithms, SshAlgorithms.DefaultHostKey, SshAlgorithms.LegacyHostKey, options.Legacy));
        return new SshTransportSettings
        {
            KexAlgorithms = Pick(options.KexAlgorithms, SshAlgorithms.DefaultKex, SshAlgorithms.LegacyKex, legacyKex),
            HostKeyAlgorithms = hostKeyAlgorithms,
            Ciphers = Pick(options.Ciphers, SshAlgorithms.DefaultCiphers, SshAlgorithms.LegacyCiphers, options.Legacy),
            Macs = Pick(options.Macs, SshAlgorithms.DefaultMacs, SshAlgorithms.LegacyMacs, options.Legacy),
            RekeyBytesLimit = options.RekeyBytesLimit,
            RekeyInterval = options.RekeyInterval,
            // Old gear (group-exchange-sha1 era) often has only 1024-bit groups.
            GroupExchangeBits = options.Legacy ? (1024, 3072, 8192) : (2048, 3072, 8192),
            HostKeyVerifier = (key, token) => hostKeys.VerifyAsync(key, hostKeyAlgorithms, token),
        };
    }

    /// <summary>Runs a command and collects all its output and its exit status.</summary>
    public async Task<SshExecResult> ExecuteAsync(string command, CancellationToken ct)
    {
        await using SshExecSession session = await StartExecAsync(command, ct);
        await session.CloseInputAsync(ct);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await Task.WhenAll(session.StandardOutput.CopyToAsync(stdout, ct), session.StandardError.CopyToAsync(stderr, ct));
        await session.WaitForExitAsync(ct);
        return new SshExecResult(stdout.ToArray(), stderr.ToArray(), session.ExitStatus, session.ExitSignal);
    }

    /// <summary>Starts a command with streaming stdin, stdout and stderr.</summary>
    public Task<SshExecSession> StartExecAsync(string command, CancellationToken ct) => StartExecAsync(command, null, ct);

    /// <summary>Starts a command with environment variables (the server must accept them, e.g. sshd AcceptEnv).</summary>
    public Task<SshExecSession> StartExecAsync(string command, IReadOnlyDictionary<string, string>? environment, CancellationToken ct) =>
        StartExecAsync(command, environment, null, ct);

    /// <summary>
    /// Starts a command, on a pseudo-terminal when <paramref name="pty"/> is given (ssh -t: the command
    /// sees a terminal, and its stderr arrives merged into stdout, as a terminal has one output).
    /// </summary>
    public async Task<SshExecSession> StartExecAsync(string command, IReadOnlyDictionary<string, string>? environment, SshPtyOptions? pty, CancellationToken ct)
    {
        SshChannel channel = await OpenSessionAsync(ct);
        try
        {
            using var timeout = OperationTimeout(ct);
            if (pty != null) await RequestPtyAsync(channel, pty, timeout.Token);
            await SendEnvironmentAsync(channel, environment, timeout.Token);
            if (!await channel.SendRequestAsync("exec", true, w => w.WriteString(command), timeout.Token))
                throw new SshException("the server refused to execute the command");
            return new SshExecSession(channel);
        }
        catch (Exception e)
        {
            await channel.DisposeAsync();
            throw MapTimeout(e, ct, "starting the command");
        }
    }

    /// <summary>Starts a subsystem (e.g. "sftp", "netconf") and returns its streams.</summary>
    public async Task<SshExecSession> StartSubsystemAsync(string subsystem, CancellationToken ct)
    {
        SshChannel channel = await OpenSessionAsync(ct);
        try
        {
            using var timeout = OperationTimeout(ct);
            if (!await channel.SendRequestAsync("subsystem", true, w => w.WriteString(subsystem), timeout.Token))
                throw new SshException($"the server refused the subsystem '{subsystem}'");
            return new SshExecSession(channel);
        }
        catch (Exception e)
        {
            await channel.DisposeAsync();
            throw MapTimeout(e, ct, "starting the subsystem");
        }
    }

    /// <summary>Opens an interactive shell, on a pseudo-terminal when <paramref name="pty"/> is given.</summary>
    public Task<SshShell> OpenShellAsync(SshPtyOptions? pty, CancellationToken ct) => OpenShellAsync(pty, null, ct);

    /// <summary>Opens an interactive shell with environment variables.</summary>
    public async Task<SshShell> OpenShellAsync(SshPtyOptions? pty, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        SshChannel channel = await OpenSessionAsync(ct);
        try
        {
            using var timeout = OperationTimeout(ct);
            if (pty != null) await RequestPtyAsync(channel, pty, timeout.Token);
            await SendEnvironmentAsync(channel, environment, timeout.Token);
            if (!await channel.SendRequestAsync("shell", true, null, timeout.Token))
                throw new SshException("the server refused to start a shell");
            return new SshShell(channel);
        }
        catch (Exception e)
        {
            await channel.DisposeAsync();
            throw MapTimeout(e, ct, "opening the shell");
        }
    }

    private static async Task RequestPtyAsync(SshChannel channel, SshPtyOptions pty, CancellationToken ct)
    {
        bool ok = await channel.SendRequestAsync("pty-req", true, w =>
        {
            w.WriteString(pty.TerminalType);
            w.WriteUInt32((uint)pty.Columns);
            w.WriteUInt32((uint)pty.Rows);
            w.WriteUInt32(0);
            w.WriteUInt32(0);
            w.WriteString([0]); // encoded terminal modes: just TTY_OP_END
        }, ct);
        if (!ok) throw new SshException("the server refused to allocate a pseudo-terminal");
    }

    private async Task<SshChannel> OpenSessionAsync(CancellationToken ct)
    {
        using var timeout = OperationTimeout(ct);
        try
        {
            SshChannel channel = await _connection.OpenChannelAsync("session", null, timeout.Token);
            if (_options.ForwardAgent)
            {
                // Like OpenSSH: asked without a reply; a server that refuses simply opens no agent channels.
                await channel.SendRequestAsync("auth-agent-req@openssh.com", false, null, timeout.Token);
            }
            return channel;
        }
        catch (Exception e)
        {
            throw MapTimeout(e, ct, "opening a session channel");
        }
    }

    private static async Task SendEnvironmentAsync(SshChannel channel, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        if (environment == null) return;
        foreach (var (name, value) in environment)
        {
            // Servers commonly refuse variables outside AcceptEnv; like OpenSSH, that is not fatal.
            await channel.SendRequestAsync("env", false, w =>
            {
                w.WriteString(name);
                w.WriteString(value);
            }, ct);
        }
    }

    private CancellationTokenSource OperationTimeout(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
        if (_options.OperationTimeout > TimeSpan.Zero && _options.OperationTimeout != Timeout.InfiniteTimeSpan)
            cts.CancelAfter(_options.OperationTimeout);
        return cts;
    }

    private Exception MapTimeout(Exception e, CancellationToken ct, string what) =>
        e is OperationCanceledException && !ct.IsCancellationRequested
            ? _lifetime.IsCancellationRequested
                ? new SshDisconnectedException("the client was disposed", inner: e)
                : new SshTimeoutException($"timed out {what} after {_options.OperationTimeout.TotalSeconds:0.#}s; raise OperationTimeout if the host is slow to answer", e)
            : e;

    private void StartKeepAlive()
    {
        if (_options.KeepAliveInterval is not { } interval || interval <= TimeSpan.Zero) return;
        _keepAlive = Task.Run(async () =>
        {
            CancellationToken ct = _lifetime.Token;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(interval, ct);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    wait.CancelAfter(interval * Math.Max(1, _options.KeepAliveCountMax));
                    try
                    {
                        await _connection.SendGlobalRequestAsync("keepalive@openssh.com", true, null, wait.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        _log.LogWarning("no answer to {Count} keepalives from {Host}; disconnecting", Math.Max(1, _options.KeepAliveCountMax), _options.Host);
                        await _transport.DisconnectAsync(SshDisconnectReason.ConnectionLost, "keepalive timeout");
                        return;
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (SshException e)
            {
                _log.LogDebug("keepalive stopped: {Error}", e.Message);
            }
        }, CancellationToken.None);
    }

    /// <summary>Sends DISCONNECT and closes the connection (and its forwards and jump hosts); open channels fail with <see cref="SshDisconnectedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested) return;
        _lifetime.Cancel();
        if (_keepAlive != null)
        {
            try { await _keepAlive; } catch (OperationCanceledException) { }
        }
        await StopForwardsAsync();
        await _transport.DisposeAsync();
        // The hops carry this connection: close them last, innermost first.
        for (int i = _jumpHosts.Count - 1; i >= 0; i--) await _jumpHosts[i].DisposeAsync();
        _lifetime.Dispose();
    }
}
