using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>Drives a decryptor the way the transport does: first block, length, remainder, decrypt.</summary>
internal static class PacketTestHelper
{
    public static byte[] Decrypt(IPacketDecryptor decryptor, uint sequence, byte[] wire)
    {
        byte[] buffer = wire.ToArray();
        uint length = decryptor.DecryptLength(sequence, buffer.AsSpan(0, decryptor.FirstBlockLength));
        int remaining = decryptor.GetRemainingLength(length);
        Assert.Equal(wire.Length, decryptor.FirstBlockLength + remaining);
        Range payload = decryptor.Decrypt(sequence, buffer.AsSpan(0, decryptor.FirstBlockLength + remaining));
        return buffer[payload];
    }

    public static byte[] Encrypt(IPacketEncryptor encryptor, uint sequence, byte[] payload)
    {
        byte[] buffer = new byte[encryptor.GetMaxWireLength(payload.Length)];
        int written = encryptor.Encrypt(sequence, payload, buffer);
        return buffer[..written];
    }

    public static byte[] Key(int length, int start) => Enumerable.Range(start, length).Select(i => (byte)i).ToArray();
}
