namespace Vty.Ssh.Server.Channels;

/// <summary>A "pty-req" (RFC 4254 §6.2): terminal type, size and encoded terminal modes.</summary>
public sealed record SshPtyRequest(string TerminalType, int Columns, int Rows, int WidthPixels, int HeightPixels, byte[] TerminalModes);
