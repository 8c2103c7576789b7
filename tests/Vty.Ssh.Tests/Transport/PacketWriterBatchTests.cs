using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Packets;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Tests.Transport;

/// <summary>A batched write must put on the wire the same packets, in order, as writing them one by one (padding is random, so compared by length and by decrypting).</summary>
public sealed class PacketWriterBatchTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] Iv = RandomNumberGenerator.GetBytes(12);

    private static ReadOnlyMemory<byte>[] Payloads() =>
    [
        RandomNumberGenerator.GetBytes(32 * 1024 + 9),
        RandomNumberGenerator.GetBytes(32 * 1024 + 9),
        RandomNumberGenerator.GetBytes(1),
        RandomNumberGenerator.GetBytes(517),
    ];

    [Fact]
    public async Task BatchedPacketsMatchTheSequentialOnesAndDecryptInOrder()
    {
        ReadOnlyMemory<byte>[] payloads = Payloads();
        var one = new MemoryStream();
        using (var writer = new SshPacketWriter(one, new AesGcmPacketEncryptor(Key, Iv)))
        {
            foreach (var p in payloads) await writer.WriteAsync(p, TestTimeouts.ShortToken());
        }
        var batched = new MemoryStream();
        using (var writer = new SshPacketWriter(batched, new AesGcmPacketEncryptor(Key, Iv)))
        {
            await writer.WriteManyAsync(payloads, 3, TestTimeouts.ShortToken());
            await writer.WriteAsync(payloads[3], TestTimeouts.ShortToken());
            Assert.Equal(4u, writer.SequenceNumber);
            Assert.Equal(4, writer.PacketsSinceRekey);
            Assert.Equal(batched.Length, writer.BytesSinceRekey);
        }
        Assert.Equal(one.Length, batched.Length);

        using var reader = new SshPacketReader(new MemoryStream(batched.ToArray()), new AesGcmPacketDecryptor(Key, Iv));
        foreach (var p in payloads)
            Assert.Equal(p.ToArray(), (await reader.ReadPacketAsync(TestTimeouts.ShortToken())).ToArray());
    }
}
