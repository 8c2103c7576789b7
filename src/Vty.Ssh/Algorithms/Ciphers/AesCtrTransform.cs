using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Ciphers;

/// <summary>
/// AES in counter mode (RFC 4344 aes*-ctr): the 128-bit big-endian counter starts at the IV and
/// is encrypted with one reused AES-ECB transform, many counter blocks per call, and the key
/// stream is XORed into the data. Unused key stream is kept for the next call.
/// </summary>
internal sealed class AesCtrTransform : IBlockTransform
{
    private const int ChunkBlocks = 512;   // 8 KiB of key stream per ECB call
    private const int ChunkBytes = ChunkBlocks * 16;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counters = new byte[ChunkBytes];
    private readonly byte[] _keyStream = new byte[ChunkBytes];
    private ulong _counterHigh;
    private ulong _counterLow;
    private int _keyStreamOffset = ChunkBytes;
    private int _keyStreamLength = ChunkBytes;

    public AesCtrTransform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        if (iv.Length < 16) throw new ArgumentException("AES-CTR needs a 16-byte IV", nameof(iv));
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
        _counterHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        _counterLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
    }

    public int BlockSize => 16;

    public void Transform(Span<byte> data)
    {
        while (data.Length > 0)
        {
            if (_keyStreamOffset == _keyStreamLength)
                Refill(data.Length);
            int n = Math.Min(data.Length, _keyStreamLength - _keyStreamOffset);
            ByteXor.XorInPlace(data[..n], _keyStream.AsSpan(_keyStreamOffset, n));
            _keyStreamOffset += n;
            data = data[n..];
        }
    }

    // Generates only as much key stream as the pending data needs (whole blocks), up to a chunk.
    private void Refill(int wanted)
    {
        int blocks = Math.Min(ChunkBlocks, (wanted + 15) / 16);
        Span<byte> counters = _counters.AsSpan(0, blocks * 16);
        for (int i = 0; i < counters.Length; i += 16)
        {
            BinaryPrimitives.WriteUInt64BigEndian(counters.Slice(i, 8), _counterHigh);
            BinaryPrimitives.WriteUInt64BigEndian(counters.Slice(i + 8, 8), _counterLow);
            if (++_counterLow == 0) _counterHigh++;
        }
        _keyStreamLength = _ecb.TransformBlock(_counters, 0, counters.Length, _keyStream, 0);
        _keyStreamOffset = 0;
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_keyStream);
    }
}
