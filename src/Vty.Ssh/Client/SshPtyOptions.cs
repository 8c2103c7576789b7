namespace Vty.Ssh;

/// <summary>A pseudo-terminal request (RFC 4254 §6.2): terminal type and size in characters.</summary>
public sealed record SshPtyOptions(string TerminalType = "xterm", int Columns = 80, int Rows = 24);
