using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Accounts;
using Vty.Diagnostics;
using Vty.Drivers;
using Vty.Hosts;
using Vty.Matching;

namespace Vty.Protocols;

/// <summary>
/// One session with a device over Telnet, SSH or an in-memory emulated device, behind one API:
/// connect, log in however the device wants (<see cref="LoginAsync"/>), run commands
/// (<see cref="ExecuteAsync(string, CancellationToken)"/>), expect patterns, watch the output and
/// hand the session to a terminal. Every wait has a timeout and a <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// Received bytes are decoded, cleaned of terminal escape sequences (raw bytes stay available in
/// results) and matched incrementally. Prompt, username, password and pager patterns are matched
/// against the current (last) line only; error and login-error patterns against each line; user
/// patterns given to Expect/WaitFor against the text as a whole. One Expect/WaitFor/Execute runs at
/// a time per session; sending is safe from any thread.
/// </remarks>
public abstract partial class Protocol : IAsyncDisposable
{
    private readonly DriverCatalog _catalog;
    private readonly OsGuesser _guesser;
    private Driver? _manualDriver;
    private Driver? _lockedGuess;
    private Driver? _lastReportedDriver;
    private IReadOnlyList<Regex>? _promptPatterns;
    private IReadOnlyList<Regex>? _errorPatterns;
    private IReadOnlyList<Regex>? _loginErrorPatterns;
    private Regex? _usernamePrompt;
    private Regex? _passwordPrompt;
    private SessionChannel? _channel;
    private Account? _lastAccount;
    private string? _banner;
    private int _closed;

    /// <summary>Creates an unconnected session with <paramref name="options"/> (copied).</summary>
    protected Protocol(ProtocolOptions? options)
    {
        Options = (options ?? new ProtocolOptions()).Clone();
        Validate(Options);
        Logger = Options.Logger ?? Options.LoggerFactory?.CreateLogger("Vty.Protocols." + GetType().Name) ?? NullLogger.Instance;
        _catalog = Options.DriverCatalog ?? DriverCatalog.Builtin;
        _guesser = new OsGuesser(_catalog);
        if (!string.IsNullOrEmpty(Options.Driver) && !string.Equals(Options.Driver, "auto", StringComparison.OrdinalIgnoreCase))
            _manualDriver = ResolveDriver(Options.Driver);
    }

    /// <summary>Raised for every chunk received (on the read loop; keep handlers short).</summary>
    public event EventHandler<DataReceivedEventArgs>? DataReceived;

    /// <summary>Raised when the device sends an S/Key challenge during login.</summary>
    public event EventHandler<OtpRequestedEventArgs>? OtpRequested;

    /// <summary>Raised when the effective driver changes (set by hand, or a better OS guess during login).</summary>
    public event EventHandler<Driver>? DriverChanged;

    /// <summary>The options this session was created with (a private copy).</summary>
    public ProtocolOptions Options { get; }

    /// <summary>The URL the session was created from, or null when connected by host and port.</summary>
    public HostUrl? Url { get; private set; }

    /// <summary>Host name or address; null before connecting.</summary>
    public string? Host { get; private set; }

    /// <summary>TCP port (null for in-memory sessions).</summary>
    public int? Port { get; private set; }

    /// <summary>
    /// The login banner: the SSH authentication banner when the server sent one, otherwise the text
    /// the device printed before its first login or command prompt. Null until known.
    /// </summary>
    public string? Banner => SshBanner ?? _banner;

    /// <summary>The server's SSH version string (e.g. <c>SSH-2.0-Cisco-1.25</c>); null for other transports.</summary>
    public virtual string? RemoteVersion => null;

    /// <summary>True while the transport is open.</summary>
    public bool IsConnected => _channel is { IsEndOfStream: false } && Volatile.Read(ref _closed) == 0;

    /// <summary>True when the transport authenticated the account (SSH), or needs no authentication (Telnet, dummy).</summary>
    public bool IsProtocolAuthenticated { get; private protected set; }

    /// <summary>True after the in-band login dialog completed (a command prompt was seen).</summary>
    public bool IsAppAuthenticated { get; private set; }

    /// <summary>True after privileges were raised (or found already raised).</summary>
    public bool IsAppAuthorized { get; private set; }

    /// <summary>True for the in-memory emulated transport.</summary>
    public virtual bool IsDummy => false;

    /// <summary>
    /// The effective driver: the one set by hand (option, URL <c>driver=</c> or this setter), else
    /// the OS guess, else the generic driver. Setting null goes back to automatic.
    /// </summary>
    [AllowNull]
    public Driver Driver
    {
        get => _manualDriver ?? AutoDriver;
        set
        {
            _manualDriver = value;
            ReportDriverChange();
        }
    }

    /// <summary>True while the driver is chosen automatically.</summary>
    public bool IsDriverAutomatic => _manualDriver is null;

    /// <summary>Prompt patterns (current line); the driver's unless set. Setting null resets to the driver's.</summary>
    [AllowNull]
    public IReadOnlyList<Regex> PromptPatterns
    {
        get => _promptPatterns ?? Driver.PromptPatterns;
        set => _promptPatterns = value;
    }

    /// <summary>Command-error patterns (each output line); the driver's unless set. Null resets.</summary>
    [AllowNull]
    public IReadOnlyList<Regex> ErrorPatterns
    {
        get => _errorPatterns ?? Driver.ErrorPatterns;
        set => _errorPatterns = value;
    }

    /// <summary>Login-error patterns (each line after credentials were sent); the driver's unless set. Null resets.</summary>
    [AllowNull]
    public IReadOnlyList<Regex> LoginErrorPatterns
    {
        get => _loginErrorPatterns ?? Driver.LoginErrorPatterns;
        set => _loginErrorPatterns = value;
    }

    /// <summary>Username prompt (current line); the driver's unless set. Null resets.</summary>
    [AllowNull]
    public Regex UsernamePrompt
    {
        get => _usernamePrompt ?? Driver.UsernamePrompt;
        set => _usernamePrompt = value;
    }

    /// <summary>Password prompt (current line); the driver's unless set. Null resets.</summary>
    [AllowNull]
    public Regex PasswordPrompt
    {
        get => _passwordPrompt ?? Driver.PasswordPrompt;
        set => _passwordPrompt = value;
    }

    /// <summary>The text a command line ends with.</summary>
    public string LineEnding => Options.LineEnding ?? DefaultLineEnding;

    /// <summary>Text received and not consumed yet (cleaned).</summary>
    public string BufferedText => Channel.BufferedText;

    /// <summary>The current (last, unterminated) line on the device's screen, e.g. the prompt it shows now.</summary>
    public string CurrentLine => _channel?.CurrentLine ?? "";

    /// <summary>The transport's usual line ending.</summary>
    protected virtual string DefaultLineEnding => "\r";

    /// <summary>The SSH authentication banner, for SSH sessions.</summary>
    protected virtual string? SshBanner => null;

    /// <summary>Logger from the options (or a null logger).</summary>
    protected ILogger Logger { get; }

    internal SessionChannel Channel => _channel ?? throw new InvalidOperationException(
        Host is null
            ? "The session is not connected: call ConnectAsync first."
            : $"The session with {Host} has no open channel yet: log in first (SSH opens its shell after authentication).");

    private Driver AutoDriver
    {
        get
        {
            if (_lockedGuess is not null)
                return _lockedGuess;
            var guess = _channel?.GuessOs() ?? _guesser.Best;
            return guess.Confidence > 0 ? guess.Driver : _catalog.Generic;
        }
    }

    /// <summary>Creates an unconnected session for <paramref name="url"/>'s scheme (<c>ssh</c>, <c>telnet</c>, or one added to <see cref="ProtocolRegistry"/>).</summary>
    public static Protocol Create(string url, ProtocolOptions? options = null) => Create(HostUrl.Parse(url), options);

    /// <summary>Creates an unconnected session for <paramref name="url"/>'s scheme; URL options (<c>driver=</c>) apply.</summary>
    public static Protocol Create(HostUrl url, ProtocolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        options = (options ?? new ProtocolOptions()).Clone();
        if (url.Driver is { Length: > 0 } driver)
            options.Driver = driver;
        Protocol protocol = ProtocolRegistry.Create(url.Scheme, options);
        protocol.Url = url;
        return protocol;
    }

    /// <summary>
    /// Connects to <paramref name="url"/> (transport chosen by scheme). When the URL carries a user
    /// name the session also logs in with it.
    /// </summary>
    public static Task<Protocol> ConnectAsync(string url, ProtocolOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(HostUrl.Parse(url), options, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(string, ProtocolOptions?, CancellationToken)"/>
    public static async Task<Protocol> ConnectAsync(HostUrl url, ProtocolOptions? options = null, CancellationToken cancellationToken = default)
    {
        var protocol = Create(url, options);
        try
        {
            await protocol.ConnectAsync(url.Host, url.Port ?? 0, cancellationToken).ConfigureAwait(false);
            if (url.ToAccount() is { } account)
                await protocol.LoginAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false);
            return protocol;
        }
        catch
        {
            await protocol.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the transport to <paramref name="host"/>:<paramref name="port"/> (0 = the protocol's default port).</summary>
    /// <exception cref="ConnectionFailedException">The host could not be reached or the handshake failed.</exception>
    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (Host is not null)
            throw new InvalidOperationException($"This session is already connected to {Host}; create a new one for another connection.");
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        Host = host;
        Port = port > 0 ? port : DefaultPort > 0 ? DefaultPort : null;
        Logger.LogInformation(VtyLogEvents.Connecting, "Connecting to {Host}:{Port} ({Protocol})", Host, Port, TransportName);
        using Activity? activity = StartActivity("vty.connect");
        long started = Stopwatch.GetTimestamp();
        try
        {
            await ConnectTransportAsync(host, Port ?? 0, cancellationToken).ConfigureAwait(false);
            // SSH opens its connection during login (authentication is part of its handshake).
            if (_channel is not null)
                RecordConnected(started);
        }
        catch (Exception e) when (_channel is null)
        {
            RecordConnectFailed(e, activity);
            // Nothing was opened: the same session may try again.
            Host = null;
            Port = null;
            throw;
        }
    }

    /// <summary>Name of the best OS guess so far (<c>unknown</c> when nothing matched).</summary>
    public string GuessOs()
    {
        var guess = _lockedGuess is not null ? (_lockedGuess, 100) : _channel?.GuessOs() ?? _guesser.Best;
        return guess.Item2 > 0 ? guess.Item1.Name : "unknown";
    }

    /// <summary>Uses the driver named <paramref name="name"/> (or <c>auto</c>).</summary>
    /// <exception cref="UnknownDriverException">No such driver.</exception>
    public void SetDriver(string name) =>
        Driver = string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase) ? null : ResolveDriver(name);

    /// <summary>Runs the driver's terminal setup commands (paging off, width); commands the device rejects are skipped.</summary>
    public async Task AutoInitAsync(CancellationToken cancellationToken = default)
    {
        foreach (string command in Driver.AutoInitCommands)
        {
            try
            {
                await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandErrorException ex)
            {
                // Variants of a platform reject some setup commands (ASA has no "terminal length").
                Logger.LogDebug("{Host}: autoinit command '{Command}' rejected: {Message}", Host, command, ex.DeviceMessage);
            }
        }
    }

    /// <summary>Tells the device the terminal size changed (Telnet NAWS, SSH window-change).</summary>
    public virtual Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Closes the session. Without <paramref name="force"/> a send in progress finishes first; the
    /// call never throws and never waits long.
    /// </summary>
    public async Task CloseAsync(bool force = false)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        Logger.LogDebug("Closing the session with {Host}", Host);
        if (_channel is not null)
            await _channel.CloseAsync(force).ConfigureAwait(false);
        try
        {
            await CloseTransportAsync(force).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            Logger.LogDebug(ex, "Closing the transport to {Host} failed", Host);
        }
    }

    /// <summary>Closes the session at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync(force: true).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>The default port of the transport (0 when it has none).</summary>
    protected abstract int DefaultPort { get; }

    /// <summary>Opens the transport; implementations call <see cref="AttachStream"/> once a byte stream exists.</summary>
    protected abstract Task ConnectTransportAsync(string host, int port, CancellationToken cancellationToken);

    /// <summary>Authenticates at transport level (SSH); Telnet and dummy have nothing to do.</summary>
    protected virtual Task ProtocolAuthenticateCoreAsync(Account account, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases the transport after the channel closed.</summary>
    protected abstract ValueTask CloseTransportAsync(bool force);

    /// <summary>Starts the session on <paramref name="stream"/>: the read loop, matching and events.</summary>
    /// <param name="stream">The session's byte stream (owned by the session from now on).</param>
    /// <param name="remoteVersion">The SSH server version string, a clue for OS guessing.</param>
    /// <param name="banner">A banner received outside the stream (SSH authentication banner), also a clue.</param>
    protected void AttachStream(Stream stream, string? remoteVersion = null, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_channel is not null)
            throw new InvalidOperationException("The session already has a stream.");
        _guesser.SetRemoteVersion(remoteVersion);
        if (!string.IsNullOrEmpty(banner))
        {
            string cleaned = Vty.Text.TerminalCleaner.Clean(banner);
            _guesser.Feed((cleaned.EndsWith('\n') ? cleaned : cleaned + "\n").AsSpan());
        }
        var channel = new SessionChannel(stream, new SessionChannelOptions
        {
            Name = Host ?? "session",
            Encoding = Options.Encoding,
            MaxOutput = Options.MaxOutput,
            KeepRawBytes = Options.KeepRawBytes,
            MaxOverlap = Options.MatchOverlap,
            Logger = Logger,
            Transport = TransportName,
            Transcript = Options.Transcript,
            Guesser = _guesser,
            EndsReadsOnDispose = StreamEndsReadsOnDispose(stream),
        });
        channel.DataReceived += OnChannelData;
        _channel = channel;
        channel.Start();
    }

    /// <summary>True when disposing <paramref name="stream"/> ends a pending read with 0 (see <see cref="SessionChannelOptions.EndsReadsOnDispose"/>).</summary>
    internal virtual bool StreamEndsReadsOnDispose(Stream stream) => stream is Vty.Ssh.SshChannelStream;

    /// <summary>The account to log in with: the given one, the last one, the URL's, or the factory's.</summary>
    protected async ValueTask<Account> ResolveAccountAsync(Account? account, CancellationToken cancellationToken)
    {
        account ??= _lastAccount ?? Url?.ToAccount();
        if (account is null && Options.AccountFactory is { } factory)
            account = await factory(this, cancellationToken).ConfigureAwait(false);
        _lastAccount = account ?? throw new InvalidOperationException(
            "No account to log in with: pass one to LoginAsync, write user:password@ in the URL, or set ProtocolOptions.AccountFactory.");
        return account;
    }

    private static void Validate(ProtocolOptions options)
    {
        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
                throw new ArgumentOutOfRangeException(name, value, $"ProtocolOptions.{name} must be positive (or Timeout.InfiniteTimeSpan).");
        }

        Positive(options.ConnectTimeout, nameof(options.ConnectTimeout));
        Positive(options.BannerTimeout, nameof(options.BannerTimeout));
        Positive(options.CommandTimeout, nameof(options.CommandTimeout));
        ArgumentNullException.ThrowIfNull(options.Encoding, "ProtocolOptions.Encoding");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOutput, 4096L, "ProtocolOptions.MaxOutput");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MatchOverlap, 16, "ProtocolOptions.MatchOverlap");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TerminalColumns, 1, "ProtocolOptions.TerminalColumns");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TerminalRows, 1, "ProtocolOptions.TerminalRows");
    }

    private Driver ResolveDriver(string name) => _catalog.Get(name);

    private void OnChannelData(ReadOnlyMemory<char> text, ReadOnlyMemory<byte> raw)
    {
        // The text is only materialised when someone listens.
        if (DataReceived is { } handler)
            handler(this, new DataReceivedEventArgs(new string(text.Span), raw));
    }

    /// <summary>Reports a driver change (the OS guess may improve while login reads the banner).</summary>
    internal void RefreshDriver() => ReportDriverChange();

    private void ReportDriverChange()
    {
        var current = Driver;
        if (ReferenceEquals(current, _lastReportedDriver))
            return;
        _lastReportedDriver = current;
        Logger.LogDebug("{Host}: driver is now {Driver}", Host, current.Name);
        DriverChanged?.Invoke(this, current);
    }

    private void LockGuess()
    {
        if (_manualDriver is null && _lockedGuess is null)
            _lockedGuess = AutoDriver;
        _channel?.StopHeadCapture();
        ReportDriverChange();
    }

    private protected void OnOtpRequested(OtpRequestedEventArgs args) => OtpRequested?.Invoke(this, args);

    private protected void SetBannerOnce(string banner)
    {
        if (_banner is null && banner.Length > 0)
            _banner = banner;
    }
}
