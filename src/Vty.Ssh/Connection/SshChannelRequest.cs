namespace Vty.Ssh.Connection;

/// <summary>An SSH_MSG_CHANNEL_REQUEST from the peer: its type and the request-specific data after want-reply.</summary>
public sealed record SshChannelRequest(string RequestType, bool WantReply, ReadOnlyMemory<byte> Data);
