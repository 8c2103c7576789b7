namespace Vty.Ssh;

/// <summary>The peer announced a packet larger than the transport accepts; the connection is closed.</summary>
public sealed class SshPacketTooLargeException(uint packetLength, int maximum, bool beforeAuthentication = false)
    : SshProtocolException(beforeAuthentication
        ? $"the peer sent a packet of {packetLength} bytes before authenticating, more than the {maximum} accepted until then (RFC 4253 §6.1): not a well-behaved SSH client"
        : $"the peer sent a packet of {packetLength} bytes, more than the {maximum} accepted: corrupted stream or not an SSH peer")
{
    /// <summary>The packet length the peer announced.</summary>
    public uint PacketLength { get; } = packetLength;

    /// <summary>The limit it exceeded.</summary>
    public int Maximum { get; } = maximum;
}
