namespace Vty.Ssh.Server.Channels;

/// <summary>A write to a channel the client has closed (or the connection is gone).</summary>
public sealed class SshChannelClosedException(string message) : SshException(message);
