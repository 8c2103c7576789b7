using Vty.Ssh.Server.Connections;

namespace Vty.Ssh.Server.Channels;

/// <summary>
/// A client's "tcpip-forward" request (RFC 4254 §7.1, OpenSSH -R): listen on <see cref="Address"/>:<see cref="Port"/>
/// (0: any free port) and hand each connection back to the client.
/// </summary>
public sealed record SshTcpipForwardRequest(SshServerConnectionInfo Connection, string Address, int Port);
