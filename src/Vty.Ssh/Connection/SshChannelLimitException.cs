namespace Vty.Ssh;

/// <summary>The peer opened more channels at once than the connection allows.</summary>
public sealed class SshChannelLimitException(string message) : SshProtocolException(message);
