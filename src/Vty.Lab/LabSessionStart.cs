namespace Vty.Lab;

/// <summary>
/// How an interactive session starts. <paramref name="PreAuthenticated"/>: the transport (SSH) has
/// already authenticated <paramref name="User"/>, so the device skips its username/password dialog,
/// as real devices do over SSH. Columns and rows are the client's terminal size; rows also set the
/// page length unless the device options disable paging.
/// </summary>
public sealed record LabSessionStart(bool PreAuthenticated = false, string? User = null, int Columns = 80, int Rows = 24);
