using BenchmarkDotNet.Attributes;
using Vty.Ssh.Algorithms;

namespace Vty.Bench.Micro;

/// <summary>
/// SSH packet protection on 32 KiB payloads: <see cref="Encrypt"/> alone, and
/// <see cref="EncryptDecrypt"/> (one packet sealed then opened with the matching decryptor; the
/// decrypt cost is the difference). Sequence numbers advance as on a real connection.
/// </summary>
[MemoryDiagnoser]
public class PacketProtectionBenchmarks
{
    private const int PayloadLength = 32 * 1024;
    private IPacketEncryptor _encryptor = null!;
    private IPacketEncryptor _pairedEncryptor = null!;
    private IPacketDecryptor _decryptor = null!;
    private byte[] _payload = null!;
    private byte[] _wire = null!;
    private uint _sequence;
    private uint _pairedSequence;

    /// <summary>Cipher, and MAC after a plus sign for non-AEAD ciphers.</summary>
    [Params("aes128-ctr+hmac-sha2-256-etm@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com")]
    public string Algorithm { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Algorithm.Split('+');
        string cipherName = parts[0];
        string? macName = parts.Length > 1 ? parts[1] : null;
        var cipher = PacketProtection.GetCipher(cipherName);
        int macKeyLength = macName is null ? 0 : PacketProtection.GetMac(macName).KeyLength;
        byte[] key = Filled(cipher.KeyLength, 1), iv = Filled(cipher.IvLength, 2), macKey = Filled(macKeyLength, 3);
        _encryptor = PacketProtection.CreateEncryptor(cipherName, macName, key, iv, macKey);
        _pairedEncryptor = PacketProtection.CreateEncryptor(cipherName, macName, key, iv, macKey);
        _decryptor = PacketProtection.CreateDecryptor(cipherName, macName, key, iv, macKey);
        _payload = Filled(PayloadLength, 4);
        _wire = new byte[_encryptor.GetMaxWireLength(PayloadLength)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encryptor.Dispose();
        _pairedEncryptor.Dispose();
        _decryptor.Dispose();
    }

    [Benchmark]
    public int Encrypt() => _encryptor.Encrypt(_sequence++, _payload, _wire);

    [Benchmark]
    public int EncryptDecrypt()
    {
        uint sequence = _pairedSequence++;
        int length = _pairedEncryptor.Encrypt(sequence, _payload, _wire);
        var wire = _wire.AsSpan(0, length);
        _decryptor.DecryptLength(sequence, wire[.._decryptor.FirstBlockLength]);
        var payload = _decryptor.Decrypt(sequence, wire);
        return payload.GetOffsetAndLength(length).Length;
    }

    private static byte[] Filled(int length, byte seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(seed * 31 + i);
        return bytes;
    }
}
