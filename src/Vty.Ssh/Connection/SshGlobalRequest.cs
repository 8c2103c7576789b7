namespace Vty.Ssh.Connection;

/// <summary>An SSH_MSG_GLOBAL_REQUEST from the peer: its name, whether it wants a reply, and the request-specific data.</summary>
public sealed record SshGlobalRequest(string Name, bool WantReply, ReadOnlyMemory<byte> Data);
