using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Vty.Accounts;
using Vty.Otp;
using Vty.Ssh;

namespace Vty.Protocols;

/// <summary>
/// A session over SSH-2: an interactive shell channel with a pty, opened with
/// <see cref="SshClient"/>. SSH authenticates while the connection is set up, so the TCP
/// connection, key exchange, host-key check and user authentication all happen in
/// <see cref="Protocol.ProtocolAuthenticateAsync"/> (the first step of <see cref="Protocol.LoginAsync"/>);
/// <see cref="Protocol.ConnectAsync(string, int, CancellationToken)"/> only records where to go.
/// The account's key (publickey), password (password and keyboard-interactive) and S/Key
/// challenges in keyboard-interactive prompts are all used. Host keys follow
/// <see cref="ProtocolOptions.ConfigureSsh"/> (accept new, reject changed by default).
/// </summary>
public sealed class SshProtocol : Protocol
{
    private SshClient? _client;
    private SshShell? _shell;

    /// <summary>Creates an unconnected SSH session.</summary>
    public SshProtocol(ProtocolOptions? options = null)
        : base(options)
    {
    }

    /// <summary>The SSH client after authentication (for exec channels, the host key, algorithms).</summary>
    public SshClient? Client => _client;

    /// <inheritdoc/>
    public override string? RemoteVersion => _client?.ServerVersion;

    /// <inheritdoc/>
    protected override string? SshBanner => string.IsNullOrEmpty(_client?.AuthenticationBanner) ? null : _client.AuthenticationBanner;

    /// <inheritdoc/>
    protected override int DefaultPort => 22;

    /// <inheritdoc/>
    public override Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) =>
        _shell?.ResizeAsync(columns, rows, cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc/>
    protected override Task ConnectTransportAsync(string host, int port, CancellationToken cancellationToken)
    {
        // Nothing to do yet: SshClient connects and authenticates in one step (see the class remarks).
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task ProtocolAuthenticateCoreAsync(Account account, CancellationToken cancellationToken)
    {
        string host = Host!;
        int port = Port ?? DefaultPort;
        var options = new SshClientOptions
        {
            Host = host,
            Port = port,
            Username = account.Name,
            Password = account.Password,
            ConnectTimeout = Options.ConnectTimeout,
            Logger = Options.Logger ?? Options.LoggerFactory?.CreateLogger("Vty.Ssh"),
            KeyboardInteractive = (prompt, _) => ValueTask.FromResult(AnswerKeyboardInteractive(account, prompt)),
        };
        if (account.Key is { } key)
            options.PrivateKeys.Add(key);
        Options.ConfigureSsh?.Invoke(options);

        using Activity? activity = StartActivity("vty.connect");
        long started = Stopwatch.GetTimestamp();
        try
        {
            _client = await SshClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            RecordConnected(started);
        }
        catch (Exception ex) when (RecordConnectFailed(ex, activity))
        {
            throw;
        }
        catch (SshAuthenticationException ex)
        {
            throw new LoginFailedException(
                $"SSH authentication failed for '{account.Name}' on {host}:{port}: tried {string.Join(", ", ex.MethodsTried)}; " +
                $"the server accepts {string.Join(", ", ex.MethodsAllowed)}. Check the password or key of the account.",
                null, account.Name, ex);
        }
        catch (Exception ex) when (ex is SshException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionFailedException(host, port, $"SSH connection to {host}:{port} failed: {ex.Message}. Check the host name and port, that an SSH server listens there, its host key (known hosts), and the connect timeout (ProtocolOptions.ConnectTimeout).", ex);
        }

        try
        {
            _shell = await _client.OpenShellAsync(new SshPtyOptions(Options.TerminalType, Options.TerminalColumns, Options.TerminalRows), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SshException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionFailedException(host, port, $"The SSH server {host}:{port} refused an interactive shell: {ex.Message}. Check that the account may open a shell with a terminal (sshd ForceCommand/PermitTTY, or a restricted account).", ex);
        }

        Logger.LogDebug("{Host}: SSH session open ({Version})", host, _client.ServerVersion);
        AttachStream(_shell.Stream, _client.ServerVersion, SshBanner);
    }

    /// <inheritdoc/>
    protected override async ValueTask CloseTransportAsync(bool force)
    {
        if (_shell is not null)
        {
            // The whole connection goes next, so say CLOSE and do not wait for the server's: Dropbear
            // answers a session channel's CLOSE only once the shell process has exited, which a shell
            // on a pty does not do on CLOSE, so waiting cost every Dropbear host the full 5 s.
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _shell.Channel.SendCloseAsync(limit.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SshException or OperationCanceledException or IOException)
            {
                Logger.LogDebug(ex, "{Host}: closing the shell channel failed", Host);
            }
        }

        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
    }

    private string[] AnswerKeyboardInteractive(Account account, SshKeyboardInteractivePrompt request)
    {
        var answers = new string[request.Prompts.Count];
        for (int i = 0; i < answers.Length; i++)
        {
            var prompt = request.Prompts[i];
            if (OtpChallenge.TryParse(request.Instruction + "\n" + prompt.Text, out var challenge) && challenge is not null)
            {
                var args = new OtpRequestedEventArgs(account, challenge.Sequence, challenge.Seed);
                OnOtpRequested(args);
                answers[i] = args.Response ?? (account.Password is { } pw ? OneTimePassword.Compute(pw, challenge) : "");
            }
            else
            {
                // Echoed prompts ask for a name; hidden ones for the secret.
                answers[i] = prompt.Echo ? account.Name : account.Password ?? "";
            }
        }

        return answers;
    }
}
