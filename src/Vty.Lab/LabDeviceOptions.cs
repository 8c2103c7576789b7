namespace Vty.Lab;

/// <summary>Per-device settings of an emulated device; the profile supplies everything else.</summary>
public sealed class LabDeviceOptions
{
    /// <summary>Host name shown in prompts and configuration; empty means the profile's default.</summary>
    public string Hostname { get; set; } = "";

    /// <summary>Login dialog shown on interactive sessions that are not pre-authenticated.</summary>
    public LabLoginStyle LoginStyle { get; set; } = LabLoginStyle.UserPassword;

    /// <summary>Accepted user name.</summary>
    public string Username { get; set; } = "lab";

    /// <summary>Accepted password (login, and sudo on Linux).</summary>
    public string Password { get; set; } = "lab";

    /// <summary>Enable password; null means <c>enable</c> needs no password.</summary>
    public string? EnablePassword { get; set; } = "lab";

    /// <summary>Lines per page before the pager prompt; 0 disables paging from the start.</summary>
    public int PagerLines { get; set; } = 24;

    /// <summary>Injected misbehaviour.</summary>
    public LabFault Fault { get; set; } = LabFault.None;

    /// <summary>The device's clock: fixed by default so that outputs are deterministic.</summary>
    public DateTimeOffset Clock { get; set; } = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>
    /// When true the clock moves on from <see cref="Clock"/> in real time, so uptimes and the
    /// time of the last configuration change move as on a real device (backups see volatile lines).
    /// </summary>
    public bool ClockRuns { get; set; }

    /// <summary>Multiplies a <c>commit confirmed</c> timer (tests use a small value so a 1-minute rollback takes milliseconds).</summary>
    public double ConfirmTimeScale { get; set; } = 1.0;

    /// <summary>Login attempts before the device closes the connection.</summary>
    public int MaxLoginAttempts { get; set; } = 3;

    /// <summary>Size of the device's flash (what SCP may store there; <c>dir</c> reports the rest as free).</summary>
    public long FlashCapacityBytes { get; set; } = 256L * 1024 * 1024;

    internal LabDeviceOptions Clone() => (LabDeviceOptions)MemberwiseClone();
}
