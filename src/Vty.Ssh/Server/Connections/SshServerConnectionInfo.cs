using System.Net;

namespace Vty.Ssh.Server.Connections;

/// <summary>Facts about one authenticated client connection.</summary>
public sealed record SshServerConnectionInfo(string User, EndPoint? RemoteEndPoint, string ClientVersion, IReadOnlyList<string> AuthenticationMethods);
