namespace Vty.Lab;

/// <summary>
/// How an interactive session starts. <paramref name="PreAuthenticated"/>: the transport (SSH) has
/// already authenticated <paramref name="User"/>, so the device skips its username/password dialog,
/// as real devices do over SSH. Columns and rows are the client's terminal size; the page length
/// comes from <see cref="LabDeviceOptions.PagerLines"/> and the OS's own terminal-length command.
/// <paramref name="LoggedIn"/> is called once the user is in (after the login dialog, or at once
/// without one), so a Telnet server stops its login grace timer.
/// </summary>
public sealed record LabSessionStart(bool PreAuthenticated = false, string? User = null, int Columns = 80, int Rows = 24, Action? LoggedIn = null);
