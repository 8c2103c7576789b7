using Microsoft.Extensions.Logging;
using Vty.Protocols;

namespace Vty.Lab.Protocols;

/// <summary>
/// A session with an in-memory emulated device (<see cref="EmulatedDevice"/>): the same login
/// dialogs, prompts, paging and errors as the real OS, without a network. <c>dummy://ios</c> or
/// <c>dummy://router1?profile=junos</c> pick the profile; URL query variables <c>login</c>
/// (<c>user-password</c>, <c>password-only</c>, <c>none</c>) and <c>fault</c> and the URL's
/// credentials configure the device, on top of the <see cref="LabDeviceOptions"/> given as
/// <see cref="ProtocolOptions.SchemeSettings"/>. <see cref="LabSchemes.Register"/> makes
/// <c>Protocol.ConnectAsync("dummy://…")</c> open one.
/// </summary>
public sealed class DummyProtocol : Protocol
{
    private readonly EmulatedDevice? _givenDevice;
    private readonly LabSessionStart? _start;
    private CancellationTokenSource? _deviceStop;
    private Task<int>? _deviceSession;

    /// <summary>Creates a session whose device is built from the URL or host name at connect time.</summary>
    public DummyProtocol(ProtocolOptions? options = null)
        : base(options)
    {
    }

    /// <summary>Creates a session with an existing emulated device (shared state across sessions).</summary>
    public DummyProtocol(EmulatedDevice device, ProtocolOptions? options = null, LabSessionStart? start = null)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(device);
        _givenDevice = device;
        _start = start;
    }

    /// <summary>The emulated device once connected.</summary>
    public EmulatedDevice? Device { get; private set; }

    /// <summary>Exit status of the device session once it ended, else null.</summary>
    public int? SessionExitStatus => _deviceSession is { IsCompletedSuccessfully: true } t ? t.Result : null;

    /// <inheritdoc/>
    public override bool IsDummy => true;

    /// <inheritdoc/>
    protected override int DefaultPort => 0;

    /// <inheritdoc/>
    protected override Task ConnectTransportAsync(string host, int port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var device = _givenDevice ?? CreateDevice(host);
        Device = device;
        var (client, deviceEnd) = InMemoryDuplex.CreatePair();
        var start = (_start ?? new LabSessionStart()) with { Columns = Options.TerminalColumns, Rows = Options.TerminalRows };
        _deviceStop = new CancellationTokenSource();
        var stop = _deviceStop.Token;
        _deviceSession = Task.Run(() => device.RunSessionAsync(deviceEnd, start, stop), CancellationToken.None);
        AttachStream(client);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async ValueTask CloseTransportAsync(bool force)
    {
        if (_deviceStop is null || _deviceSession is null)
            return;
        await _deviceStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _deviceSession.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException or ObjectDisposedException)
        {
            Logger.LogTrace(ex, "The emulated device session ended with an exception");
        }

        _deviceStop.Dispose();
    }

    private EmulatedDevice CreateDevice(string host)
    {
        string? profileVariable = Url?.GetVariable("profile");
        string profileName = profileVariable ?? host;
        if (!DeviceProfiles.TryGet(profileName, out var profile))
        {
            throw new ConnectionFailedException(host, null,
                $"There is no emulated device profile '{profileName}'. Use one of: {string.Join(", ", DeviceProfiles.Names)} (dummy://PROFILE or dummy://HOST?profile=PROFILE).");
        }

        var given = Options.SchemeSettings switch
        {
            null => null,
            LabDeviceOptions lab => lab,
            object other => throw new ArgumentException($"dummy:// reads LabDeviceOptions from ProtocolOptions.SchemeSettings, not {other.GetType().Name}"),
        };
        var options = new LabDeviceOptions
        {
            Hostname = given?.Hostname is { Length: > 0 } name ? name : profileVariable is not null ? host : "",
            LoginStyle = given?.LoginStyle ?? LabLoginStyle.UserPassword,
            Username = given?.Username ?? "lab",
            Password = given?.Password ?? "lab",
            EnablePassword = given is null ? "lab" : given.EnablePassword,
            PagerLines = given?.PagerLines ?? 24,
            Fault = given?.Fault ?? LabFault.None,
            MaxLoginAttempts = given?.MaxLoginAttempts ?? 3,
        };
        if (given is not null)
            options.Clock = given.Clock;

        if (Url is { } url)
        {
            if (url.UserName is { Length: > 0 } user)
                options.Username = user;
            if (url.Password is not null)
                options.Password = url.Password;
            if (url.Password2 is not null)
                options.EnablePassword = url.Password2;
            if (url.GetVariable("login") is { } login)
                options.LoginStyle = ParseLoginStyle(login);
            if (url.GetVariable("fault") is { } fault)
                options.Fault = Enum.TryParse<LabFault>(fault.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var f)
                    ? f
                    : throw new HostUrlFormatException($"Unknown fault '{fault}' in the URL. Use one of: {string.Join(", ", Enum.GetNames<LabFault>())}.");
        }

        return new EmulatedDevice(profile, options);
    }

    private static LabLoginStyle ParseLoginStyle(string text) =>
        text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "userpassword" or "user" => LabLoginStyle.UserPassword,
            "passwordonly" or "password" => LabLoginStyle.PasswordOnly,
            "none" => LabLoginStyle.None,
            _ => throw new HostUrlFormatException($"Unknown login style '{text}' in the URL. Use user-password, password-only or none."),
        };
}
