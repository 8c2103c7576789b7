namespace Vty.Ssh;

/// <summary>A write to a channel the peer has closed (or that was shut down with its server).</summary>
public sealed class SshChannelClosedException(string message) : SshException(message);
