namespace Vty.Ssh;

/// <summary>The connection is closed: the peer sent SSH_MSG_DISCONNECT or closed the socket, or it was disposed.</summary>
public sealed class SshDisconnectedException : SshException
{
    public SshDisconnectedException(string message, uint reasonCode = 0, Exception? inner = null) : base(message, inner) =>
        ReasonCode = reasonCode;

    /// <summary>The RFC 4253 §11.1 reason code from the peer (0 when there was no DISCONNECT message).</summary>
    public uint ReasonCode { get; }
}
