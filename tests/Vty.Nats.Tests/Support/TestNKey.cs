using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Vty.Nats.Tests.Support;

/// <summary>
/// An NKey pair made by the test itself, independent of the NATS client library: an Ed25519 key
/// (BouncyCastle) encoded as NATS documents it: a prefix byte naming the role, the raw key, a
/// CRC-16/XMODEM of both (little-endian), in RFC 4648 base32 without padding. Seeds carry the seed
/// prefix (S) folded with the role prefix in their first two bytes.
/// </summary>
internal sealed class TestNKey
{
    public enum Role : byte
    {
        Operator = 14 << 3,
        Account = 0,
        User = 20 << 3,
    }

    private const byte SeedPrefix = 18 << 3;
    private readonly Ed25519PrivateKeyParameters _key;

    private TestNKey(Role role)
    {
        _key = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte prefix = (byte)role;
        PublicKey = Encode([prefix, .. _key.GeneratePublicKey().GetEncoded()]);
        Seed = Encode([(byte)(SeedPrefix | prefix >> 5), (byte)((prefix & 31) << 3), .. _key.GetEncoded()]);
    }

    /// <summary>The public key (U…, A…, O…), as servers and JWTs name it.</summary>
    public string PublicKey { get; }

    /// <summary>The seed (SU…, SA…, SO…): the private half.</summary>
    public string Seed { get; }

    public static TestNKey Create(Role role) => new(role);

    public byte[] Sign(byte[] data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    private static string Encode(byte[] payload)
    {
        ushort crc = Crc16(payload);
        return Base32([.. payload, (byte)(crc & 0xff), (byte)(crc >> 8)]);
    }

    private static ushort Crc16(byte[] data)
    {
        int crc = 0;
        foreach (byte b in data)
        {
            crc ^= b << 8;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            crc &= 0xffff;
        }
        return (ushort)crc;
    }

    private static string Base32(byte[] data)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (byte b in data)
        {
            buffer = buffer << 8 | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[buffer >> (bits - 5) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(Alphabet[buffer << (5 - bits) & 31]);
        return text.ToString();
    }
}
