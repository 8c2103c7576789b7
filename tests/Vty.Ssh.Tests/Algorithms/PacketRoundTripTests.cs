using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Tests.Algorithms;

public class PacketRoundTripTests
{
    public static TheoryData<string, string?> CipherMacPairs()
    {
        var data = new TheoryData<string, string?>();
        string[] aead = ["chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"];
        foreach (string cipher in aead) data.Add(cipher, null);
        string[] block = ["aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];
        string[] macs = SshAlgorithms.DefaultMacs.Concat(SshAlgorithms.LegacyMacs).ToArray();
        foreach (string cipher in block)
            foreach (string mac in macs)
                data.Add(cipher, mac);
        return data;
    }

    private static (IPacketEncryptor, IPacketDecryptor) Create(string cipher, string? mac)
    {
        CipherInfo c = PacketProtection.GetCipher(cipher);
        byte[] key = PacketTestHelper.Key(c.KeyLength, 1);
        byte[] iv = PacketTestHelper.Key(c.IvLength, 100);
        byte[] macKey = mac is null ? [] : PacketTestHelper.Key(PacketProtection.GetMac(mac).KeyLength, 50);
        return (PacketProtection.CreateEncryptor(cipher, mac, key, iv, macKey), PacketProtection.CreateDecryptor(cipher, mac, key, iv, macKey));
    }

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public void Packets_of_many_sizes_round_trip_in_sequence(string cipher, string? mac)
    {
        (IPacketEncryptor encryptor, IPacketDecryptor decryptor) = Create(cipher, mac);
        using (encryptor)
        using (decryptor)
        {
            var random = new Random(42);
            uint sequence = uint.MaxValue - 3;   // also crosses the sequence number wrap
            foreach (int size in new[] { 1, 2, 3, 11, 12, 15, 16, 17, 31, 100, 1000, 32768, 35000 })
            {
                byte[] payload = new byte[size];
                random.NextBytes(payload);
                byte[] wire = PacketTestHelper.Encrypt(encryptor, sequence, payload);
                Assert.Equal(payload, PacketTestHelper.Decrypt(decryptor, sequence, wire));
                sequence++;
            }
        }
    }

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public void Padding_is_at_least_four_bytes_and_block_aligned(string cipher, string? mac)
    {
        (IPacketEncryptor encryptor, IPacketDecryptor decryptor) = Create(cipher, mac);
        using (encryptor)
        using (decryptor)
        {
            CipherInfo info = PacketProtection.GetCipher(cipher);
            int tail = info.IsAead ? 16 : PacketProtection.GetMac(mac!).OutputLength;
            bool lengthExcluded = info.IsAead || PacketProtection.GetMac(mac!).EncryptThenMac;
            int align = Math.Max(8, info.BlockSize);
            for (int size = 1; size < 80; size++)
            {
                byte[] wire = PacketTestHelper.Encrypt(encryptor, (uint)size, new byte[size]);
                int packet = wire.Length - tail;
                Assert.Equal(0, (lengthExcluded ? packet - 4 : packet) % align);
                int padding = packet - 4 - 1 - size;
                Assert.InRange(padding, 4, align + 3);
                Assert.Equal(new byte[size], PacketTestHelper.Decrypt(decryptor, (uint)size, wire));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public void Tampered_packets_are_rejected(string cipher, string? mac)
    {
        byte[] payload = new byte[200];
        new Random(7).NextBytes(payload);
        CipherInfo info = PacketProtection.GetCipher(cipher);
        int firstBlock = Math.Max(8, info.BlockSize);
        // a byte in the middle of the body, and the last byte (inside the MAC or tag)
        foreach (int flip in new[] { firstBlock + 20, -1 })
        {
            (IPacketEncryptor encryptor, IPacketDecryptor decryptor) = Create(cipher, mac);
            using (encryptor)
            using (decryptor)
            {
                byte[] wire = PacketTestHelper.Encrypt(encryptor, 5, payload);
                wire[flip < 0 ? wire.Length - 1 : flip] ^= 0x01;
                Assert.Throws<SshMacException>(() => PacketTestHelper.Decrypt(decryptor, 5, wire));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public void Replayed_or_misnumbered_packets_are_rejected(string cipher, string? mac)
    {
        (IPacketEncryptor encryptor, IPacketDecryptor decryptor) = Create(cipher, mac);
        using (encryptor)
        using (decryptor)
        {
            byte[] wire = PacketTestHelper.Encrypt(encryptor, 10, new byte[40]);
            if (cipher.Contains("gcm", StringComparison.Ordinal))
            {
                // GCM ignores the sequence number: its nonce counter advances per packet, so a replay fails.
                PacketTestHelper.Decrypt(decryptor, 10, wire);
                Assert.ThrowsAny<SshException>(() => PacketTestHelper.Decrypt(decryptor, 11, wire));
            }
            else
            {
                Assert.ThrowsAny<SshException>(() => PacketTestHelper.Decrypt(decryptor, 11, wire));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CipherMacPairs))]
    public void Random_garbage_only_ever_raises_ssh_exceptions(string cipher, string? mac)
    {
        var random = new Random(cipher.Length * 31 + (mac?.Length ?? 0));
        (IPacketEncryptor encryptor, IPacketDecryptor decryptor) = Create(cipher, mac);
        using (encryptor)
        using (decryptor)
        {
            for (int i = 0; i < 40; i++)
            {
                byte[] first = new byte[decryptor.FirstBlockLength];
                random.NextBytes(first);
                if (i % 2 == 0)   // plausible lengths too, so the MAC/tag path is reached
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(first, (uint)(random.Next(1, 64) * 16 + (first.Length == 4 ? 0 : 12)));
                var error = Record.Exception(() =>
                {
                    uint length = decryptor.DecryptLength((uint)i, first);
                    if (length > 100_000) throw new SshException("too long for this test");
                    byte[] wire = new byte[first.Length + decryptor.GetRemainingLength(length)];
                    random.NextBytes(wire);
                    first.CopyTo(wire, 0);
                    decryptor.Decrypt((uint)i, wire);
                });
                Assert.IsAssignableFrom<SshException>(error);
            }
        }
    }

    [Fact]
    public void None_codec_is_cleartext_and_eight_byte_aligned()
    {
        using IPacketEncryptor encryptor = PacketProtection.CreateNoneEncryptor();
        using IPacketDecryptor decryptor = PacketProtection.CreateNoneDecryptor();
        byte[] payload = "\x14kexinit"u8.ToArray();
        byte[] wire = PacketTestHelper.Encrypt(encryptor, 0, payload);
        Assert.Equal(0, wire.Length % 8);
        Assert.Equal(payload, wire.AsSpan(5, payload.Length).ToArray());
        Assert.Equal(8, decryptor.FirstBlockLength);
        Assert.Equal(payload, PacketTestHelper.Decrypt(decryptor, 0, wire));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(13u)]      // 13 + 4 is not a multiple of 8
    [InlineData(0x7FFFFFFFu)]
    public void Impossible_lengths_are_rejected(uint length)
    {
        using IPacketDecryptor decryptor = PacketProtection.CreateNoneDecryptor();
        byte[] block = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(block, length);
        Assert.Throws<SshException>(() => decryptor.DecryptLength(0, block));
    }

    [Fact]
    public void Padding_below_four_bytes_is_rejected()
    {
        using IPacketDecryptor decryptor = PacketProtection.CreateNoneDecryptor();
        byte[] wire = [0, 0, 0, 12, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        Assert.Throws<SshException>(() => PacketTestHelper.Decrypt(decryptor, 0, wire));
    }

    [Fact]
    public void Unknown_names_and_missing_mac_are_clear_errors()
    {
        Assert.Contains("blowfish-cbc", Assert.Throws<SshException>(() => PacketProtection.GetCipher("blowfish-cbc")).Message);
        Assert.Contains("umac-64@openssh.com", Assert.Throws<SshException>(() => PacketProtection.GetMac("umac-64@openssh.com")).Message);
        Assert.Throws<SshException>(() => PacketProtection.CreateEncryptor("aes128-ctr", null, new byte[16], new byte[16], []));
        Assert.Throws<SshException>(() => PacketProtection.CreateEncryptor("aes256-ctr", "hmac-sha1", new byte[16], new byte[16], new byte[20]));
    }

    [Fact]
    public void Every_offered_name_is_supported()
    {
        foreach (string c in SshAlgorithms.DefaultCiphers.Concat(SshAlgorithms.LegacyCiphers))
            Assert.Equal(SshAlgorithms.LegacyCiphers.Contains(c), PacketProtection.GetCipher(c).IsLegacy);
        foreach (string m in SshAlgorithms.DefaultMacs.Concat(SshAlgorithms.LegacyMacs))
            Assert.Equal(SshAlgorithms.LegacyMacs.Contains(m), PacketProtection.GetMac(m).IsLegacy);
    }
}
