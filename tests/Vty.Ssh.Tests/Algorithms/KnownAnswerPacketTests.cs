using Vty.Ssh.Algorithms;
using Vty.Ssh.Algorithms.Ciphers;
using Vty.Ssh.Algorithms.Packets;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// Expected values computed independently (NIST SP 800-38A, RFC 8439, and wire packets built with
/// Python's cryptography package and hmac module from the protocol descriptions).
/// </summary>
public class KnownAnswerPacketTests
{
    private const string NistPlain =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    [Theory]   // SP 800-38A F.5.1, F.5.3, F.5.5
    [InlineData("2b7e151628aed2a6abf7158809cf4f3c",
        "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee")]
    [InlineData("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        "1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e941e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050")]
    [InlineData("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6")]
    public void Aes_ctr_matches_nist_vectors_whole_and_in_pieces(string key, string expected)
    {
        byte[] iv = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        using (var whole = new AesCtrTransform(Convert.FromHexString(key), iv))
        {
            byte[] data = Convert.FromHexString(NistPlain);
            whole.Transform(data);
            Assert.Equal(expected, Convert.ToHexStringLower(data));
        }
        using (var pieces = new AesCtrTransform(Convert.FromHexString(key), iv))
        {
            byte[] data = Convert.FromHexString(NistPlain);
            pieces.Transform(data.AsSpan(0, 16));
            pieces.Transform(data.AsSpan(16, 32));
            pieces.Transform(data.AsSpan(48, 16));
            Assert.Equal(expected, Convert.ToHexStringLower(data));
        }
    }

    [Fact]
    public void Aes_ctr_counter_carries_across_64_bit_halves()
    {
        byte[] key = new byte[16];
        byte[] iv = Convert.FromHexString("00000000000000fffffffffffffffffe");
        using var ctr = new AesCtrTransform(key, iv);
        byte[] data = new byte[48];
        ctr.Transform(data);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        byte[] counters = Convert.FromHexString(
            "00000000000000fffffffffffffffffe00000000000000ffffffffffffffffff00000000000001000000000000000000");
        byte[] expected = aes.EncryptEcb(counters, System.Security.Cryptography.PaddingMode.None);
        Assert.Equal(expected, data);
    }

    [Fact]
    public void ChaCha20_poly1305_key_generation_matches_rfc8439_a4()
    {
        byte[] key = new byte[64];
        using (var zero = new ChaCha20Poly1305Core(key))
        {
            byte[] polyKey = new byte[32];
            zero.ComputePolyKey(0, polyKey);
            Assert.Equal("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7", Convert.ToHexStringLower(polyKey));
            byte[] length = new byte[4];
            zero.CryptLength(0, length, length);   // K_1 is zero too: the same block 0 key stream
            Assert.Equal("76b8e0ad", Convert.ToHexStringLower(length));
        }
        key[31] = 1;
        using var one = new ChaCha20Poly1305Core(key);
        byte[] second = new byte[32];
        one.ComputePolyKey(2, second);
        Assert.Equal("ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739", Convert.ToHexStringLower(second));
    }

    [Fact]
    public void Poly1305_matches_rfc8439_section_2_5_2()
    {
        using var core = new ChaCha20Poly1305Core(new byte[64]);
        byte[] key = Convert.FromHexString("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group"u8.ToArray();
        byte[] tag = new byte[16];
        core.ComputeTag(key, message, message.Length, tag);
        Assert.Equal("a8061dc1305136c6c22b8baf0c0127a9", Convert.ToHexStringLower(tag));
    }

    private const string ChaChaPlain = "000000200768656c6c6f2c2063686163686132302d706f6c7931333035a0a1a2a3a4a5a6";
    private const string ChaChaWire =
        "a39afc8a2f2e702f22ec067e0f05da93bfeee11c19c25f5a07d20eb375caba7d23f7a6f200e8d950bf3459de4023a674b545aae8";

    [Theory]
    [InlineData(true)]    // payload key stream from .NET's ChaCha20Poly1305 when the platform has it
    [InlineData(false)]   // BouncyCastle only
    public void ChaCha20_poly1305_openssh_seal_and_open_match_independent_computation(bool useBcl)
    {
        using var core = new ChaCha20Poly1305Core(PacketTestHelper.Key(64, 0), useBcl);
        byte[] packet = Convert.FromHexString(ChaChaPlain);
        byte[] tag = new byte[16];
        core.CryptLength(7, packet, packet);
        core.Seal(7, packet, tag);
        Assert.Equal(ChaChaWire, Convert.ToHexStringLower(packet.Concat(tag).ToArray()));

        using var other = new ChaCha20Poly1305Core(PacketTestHelper.Key(64, 0), !useBcl);
        Assert.True(other.Open(7, packet, tag));
        other.CryptLength(7, packet, packet);
        Assert.Equal(ChaChaPlain, Convert.ToHexStringLower(packet));
        tag[3] ^= 0x40;
        Assert.False(other.Open(7, packet, tag));
    }

    [Fact]
    public void ChaCha20_poly1305_openssh_decrypts_independent_packet()
    {
        using IPacketDecryptor decryptor = PacketProtection.CreateDecryptor("chacha20-poly1305@openssh.com", null, PacketTestHelper.Key(64, 0), [], []);
        byte[] payload = PacketTestHelper.Decrypt(decryptor, 7, Convert.FromHexString(ChaChaWire));
        Assert.Equal("hello, chacha20-poly1305"u8.ToArray(), payload);
    }

    [Fact]
    public void Aes_gcm_decrypts_independent_packets_with_invocation_counter()
    {
        using IPacketDecryptor decryptor = PacketProtection.CreateDecryptor(
            "aes256-gcm@openssh.com", null, PacketTestHelper.Key(32, 0x10), PacketTestHelper.Key(12, 0x40), []);
        Assert.Equal("first gcm packet"u8.ToArray(), PacketTestHelper.Decrypt(decryptor, 0, Convert.FromHexString(
            "000000200a9a83f765d36af1a6ace2780cf8dcb53a50c27790b2b72e520bf007f39ef86d753161fef5606d405b129265acc2809f")));
        Assert.Equal("second"u8.ToArray(), PacketTestHelper.Decrypt(decryptor, 1, Convert.FromHexString(
            "00000010b9780f489a9d44db2723dddaea68ec40a245480a56726d83850773f36cf8b6be")));
    }

    [Theory]
    [InlineData("hmac-sha2-256",
        "2602f2eca8ef8fa3ed6a77acb2ee9a121eefb238a8cb632268c8c06b9e790416e8e710805760f36dc222bc2ab7aff5d3157fc032ca6bbd923c1a7f7ae27062db",
        "5e50a16562b5700afe5bee116cc014cfb510886bc5c98a5964b170997a1893ecb04efeb74e461218fd520b9423286e63c8ebfcd60a7f8d7161a356f92e87c033e58e1d7d0322eeac7883dbb2d06b187939a280ad0276a9a49999291ba68e25dd")]
    [InlineData("hmac-sha2-256-etm@openssh.com",
        "000000203761868285fc9ab2a67f62efb6e58b92d023743caccf672e64c4cc6f9a7d000ab6a8cc93c34b4b028b40a9f28c8132e61a1f54c7f8a4149fb953fd0a73861273",
        "000000405333d52b4ba6651bb54efb5269d00d8dbe17c57dd7d4860d72fe3ed06f189deaaa09f7aa00551f0bb3060c9b28286361c2a8f51ac4be457565a752f5228bcc37f77db4629e3e150308d6ff7046e150f4f0e807ba81778fd71b98276ff3bcb772")]
    public void Aes_ctr_with_hmac_decrypts_independent_packets(string mac, string first, string second)
    {
        using IPacketDecryptor decryptor = PacketProtection.CreateDecryptor(
            "aes128-ctr", mac, PacketTestHelper.Key(16, 0x20), PacketTestHelper.Key(16, 0x60), PacketTestHelper.Key(32, 0x80));
        Assert.Equal("ctr packet one"u8.ToArray(), PacketTestHelper.Decrypt(decryptor, 3, Convert.FromHexString(first)));
        Assert.Equal("ctr packet number two, a bit longer than one block"u8.ToArray(),
            PacketTestHelper.Decrypt(decryptor, 4, Convert.FromHexString(second)));
    }
}
