using Vty.Ssh.Server.Connections;

namespace Vty.Ssh.Server.Channels;

/// <summary>A client's request to open a "direct-tcpip" channel (RFC 4254 §7.2): connect to a host and port for it.</summary>
public sealed record SshDirectTcpipRequest(SshServerConnectionInfo Connection, string Host, int Port, string OriginatorAddress, int OriginatorPort);
