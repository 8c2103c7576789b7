namespace Vty.Ssh;

/// <summary>
/// A channel open was refused (RFC 4254 §5.1 reason code and description). Thrown to callers whose
/// open the peer refused; thrown by a <c>ChannelOpenHandler</c> to refuse the peer's open with this reason.
/// </summary>
public sealed class SshChannelOpenException(uint reasonCode, string description)
    : SshException($"the peer refused to open the channel (reason {reasonCode}): {description}")
{
    /// <summary>1 administratively prohibited, 2 connect failed, 3 unknown channel type, 4 resource shortage.</summary>
    public uint ReasonCode { get; } = reasonCode;

    /// <summary>The peer's (or our) description of why.</summary>
    public string Description { get; } = description;
}
