using System.Net;

namespace Vty.Ssh.Server.Auth;

/// <summary>What the server knows about the client while it authenticates; passed to every callback.</summary>
public sealed class SshAuthContext
{
    internal SshAuthContext(string user, EndPoint? remoteEndPoint, string clientVersion, IReadOnlyList<string> completedMethods)
    {
        User = user;
        RemoteEndPoint = remoteEndPoint;
        ClientVersion = clientVersion;
        CompletedMethods = completedMethods;
    }

    /// <summary>The user name the client asked for.</summary>
    public string User { get; }

    /// <summary>The client's address, when the connection is a socket.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The client's identification line, e.g. "SSH-2.0-OpenSSH_9.2p1".</summary>
    public string ClientVersion { get; }

    /// <summary>Methods this user already passed with partial success, in order (for multi-step policies).</summary>
    public IReadOnlyList<string> CompletedMethods { get; }
}
