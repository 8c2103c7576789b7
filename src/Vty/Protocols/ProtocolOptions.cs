using System.Text;
using Microsoft.Extensions.Logging;
using Vty.Accounts;
using Vty.Drivers;
using Vty.Ssh;
using Vty.Telnet;

namespace Vty.Protocols;

/// <summary>
/// Settings for a session. Every wait has a timeout; per-call overloads override
/// <see cref="CommandTimeout"/>. One instance may be shared by many sessions as long as nobody
/// changes it while they start.
/// </summary>
public sealed class ProtocolOptions
{
    /// <summary>TCP connect plus transport handshake (Telnet negotiation, SSH key exchange and authentication).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long login waits for the first thing it can act on (a login prompt or the CLI prompt).</summary>
    public TimeSpan BannerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Default total time for one Execute/Expect/WaitFor and for each login step after the first.
    /// Slow commands take a per-call timeout instead.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>auto</c> (guess from banner and first prompt; generic until then) or a driver name such as <c>ios</c>.</summary>
    public string Driver { get; set; } = "auto";

    /// <summary>
    /// With <see cref="Driver"/> <c>auto</c>: when the guess after login is not confident, ask the
    /// device (a bare Enter, <c>show version</c>, <c>display version</c>, <c>uname -a</c>, … one at a
    /// time) until it is. A named driver never probes.
    /// </summary>
    public bool ActiveDetection { get; set; } = true;

    /// <summary>
    /// Learn the device's own prompt (host name and mode) after login and end a command only on a
    /// prompt that shows the same host, so a prompt-shaped line of output (<c>router2#</c> in a
    /// configuration) cannot end a command early. A prompt whose new name was typed in a recent
    /// command (<c>hostname router2</c>) is followed. Default true.
    /// </summary>
    public bool LearnPrompt { get; set; } = true;

    /// <summary>Where driver names are looked up and guessed from; the built-in catalog when null.</summary>
    public DriverCatalog? DriverCatalog { get; set; }

    /// <summary>
    /// Character encoding of the session. The default is UTF-8 with every invalid byte decoded on its
    /// own as Latin-1 (<see cref="Text.DeviceEncoding.Utf8WithLatin1Fallback"/>), so no byte turns into
    /// a replacement mark; <see cref="Text.DeviceEncoding.Get"/> finds others by name.
    /// </summary>
    public Encoding Encoding { get; set; } = Text.DeviceEncoding.Utf8WithLatin1Fallback;

    /// <summary>Terminal type announced over Telnet and in the SSH pty request.</summary>
    public string TerminalType { get; set; } = "vt100";

    /// <summary>Terminal width announced to the device (wide, so long commands are not wrapped; 255 is avoided because some telnetds mis-parse the escaped byte).</summary>
    public int TerminalColumns { get; set; } = 200;

    /// <summary>Terminal height announced to the device.</summary>
    public int TerminalRows { get; set; } = 24;

    /// <summary>What ends a command line; null picks the transport's usual one (<c>\r</c>, or <c>\r\n</c> on Telnet).</summary>
    public string? LineEnding { get; set; }

    /// <summary>Diagnostics (connects, login steps, commands; never secrets). Wins over <see cref="LoggerFactory"/>.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Creates the session's loggers when <see cref="Logger"/> is not set: <c>Vty.Protocols.*</c> for
    /// the session, <c>Vty.Ssh</c> (key exchange, host key, authentication methods) and
    /// <c>Vty.Telnet</c> (option negotiation) for the transports. Secrets are never logged.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Receives the session transcript: cleaned text as the device sent it, with every secret Vty sent replaced by <c>********</c>.</summary>
    public TextWriter? Transcript { get; set; }

    /// <summary>
    /// Supplies an account when <c>LoginAsync</c> gets none and neither an earlier login nor the URL
    /// provided one (for example one leased from an <see cref="AccountPool"/>).
    /// </summary>
    public Func<Protocol, CancellationToken, ValueTask<Account>>? AccountFactory { get; set; }

    /// <summary>Whether <c>LoginAsync</c> raises privileges (enable) after logging in.</summary>
    public AuthorizationMode Authorization { get; set; } = AuthorizationMode.Auto;

    /// <summary>Default of <see cref="MaxOutput"/>: 64 MiB.</summary>
    public const long DefaultMaxOutput = 64L * 1024 * 1024;

    /// <summary>
    /// Most output one Execute/Expect/WaitFor (or login step) may collect: bytes received, or
    /// characters after cleaning, not yet consumed by a match. Beyond it the session stops reading
    /// and the waiting call fails with <see cref="OutputLimitExceededException"/>, so a device that
    /// streams without end, or floods NULs, costs bounded memory. Default 64 MiB.
    /// </summary>
    public long MaxOutput { get; set; } = DefaultMaxOutput;

    /// <summary>
    /// Keep the raw bytes behind the cleaned text so results carry them (<c>RawBytes</c>); default
    /// true. Off, buffering costs about one byte per received byte instead of two, and results and
    /// interactive handovers carry no raw bytes.
    /// </summary>
    public bool KeepRawBytes { get; set; } = true;

    /// <summary>
    /// How far back (characters, at most) an incremental scan re-reads text it has seen, so a
    /// match split across reads is still found.
    /// </summary>
    public int MatchOverlap { get; set; } = 1024;

    /// <summary>
    /// Adjusts the SSH client options before connecting: host-key policy and known_hosts file,
    /// legacy algorithms for old devices, exact algorithm lists, keep-alive.
    /// </summary>
    public Action<SshClientOptions>? ConfigureSsh { get; set; }

    /// <summary>Adjusts the Telnet client options before connecting.</summary>
    public Action<TelnetClientOptions>? ConfigureTelnet { get; set; }

    /// <summary>
    /// Settings for the protocol of a registered scheme that the core does not know (for
    /// <c>dummy://</c>, the lab's <c>LabDeviceOptions</c>: login style, credentials, faults);
    /// each scheme's protocol says which type it reads.
    /// </summary>
    public object? SchemeSettings { get; set; }

    internal ProtocolOptions Clone() => (ProtocolOptions)MemberwiseClone();
}
