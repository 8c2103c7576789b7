namespace Vty.Ssh;

/// <summary>The peer refused to open a channel (RFC 4254 §5.1 reason code and description).</summary>
public sealed class SshChannelOpenException(uint reasonCode, string description)
    : SshException($"the server refused to open the channel (reason {reasonCode}): {description}")
{
    public uint ReasonCode { get; } = reasonCode;
}
