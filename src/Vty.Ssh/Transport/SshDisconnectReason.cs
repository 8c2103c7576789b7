namespace Vty.Ssh.Transport;

/// <summary>SSH_MSG_DISCONNECT reason codes (RFC 4253 §11.1).</summary>
public enum SshDisconnectReason : uint
{
    HostNotAllowedToConnect = 1,
    ProtocolError = 2,
    KeyExchangeFailed = 3,
    MacError = 5,
    ServiceNotAvailable = 7,
    ProtocolVersionNotSupported = 8,
    HostKeyNotVerifiable = 9,
    ConnectionLost = 10,
    ByApplication = 11,
    TooManyConnections = 12,
    AuthCancelledByUser = 13,
    NoMoreAuthMethodsAvailable = 14,
}
