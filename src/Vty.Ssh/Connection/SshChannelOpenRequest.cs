namespace Vty.Ssh.Connection;

/// <summary>An SSH_MSG_CHANNEL_OPEN from the peer: the channel type and the type-specific data.</summary>
public sealed record SshChannelOpenRequest(string ChannelType, ReadOnlyMemory<byte> Data);
