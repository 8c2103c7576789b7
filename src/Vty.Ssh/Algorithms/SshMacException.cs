namespace Vty.Ssh.Algorithms;

/// <summary>A received packet failed its MAC or AEAD tag check: corrupted or tampered data.</summary>
public sealed class SshMacException(string message) : SshException(message);
