namespace Vty.Ssh;

/// <summary>The peer announced a packet larger than the transport accepts; the connection is closed.</summary>
public sealed class SshPacketTooLargeException(uint packetLength, int maximum)
    : SshProtocolException($"the peer sent a packet of {packetLength} bytes, more than the {maximum} accepted: corrupted stream or not an SSH peer")
{
    /// <summary>The packet length the peer announced.</summary>
    public uint PacketLength { get; } = packetLength;
}
