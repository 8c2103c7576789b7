using System.Security.Cryptography;

namespace Vty.Ssh.Algorithms.Ciphers;

/// <summary>
/// CBC mode over AES or 3DES (legacy aes*-cbc, 3des-cbc). The chaining block is carried from
/// packet to packet as RFC 4253 requires; each call uses the one-shot span API.
/// </summary>
internal sealed class CbcTransform : IBlockTransform
{
    private readonly SymmetricAlgorithm _algorithm;
    private readonly bool _encrypt;
    private readonly byte[] _iv;
    private readonly byte[] _nextIv;

    public CbcTransform(SymmetricAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt)
    {
        _algorithm = algorithm;
        _algorithm.Key = key.ToArray();
        BlockSize = _algorithm.BlockSize / 8;
        _iv = iv[..BlockSize].ToArray();
        _nextIv = new byte[BlockSize];
        _encrypt = encrypt;
    }

    public int BlockSize { get; }

    public void Transform(Span<byte> data)
    {
        if (data.Length == 0) return;
        if (data.Length % BlockSize != 0)
            throw new SshException($"CBC data length {data.Length} is not a multiple of the {BlockSize}-byte block");
        if (_encrypt)
        {
            _algorithm.EncryptCbc(data, _iv, data, PaddingMode.None);
            data[^BlockSize..].CopyTo(_iv);
        }
        else
        {
            data[^BlockSize..].CopyTo(_nextIv);
            _algorithm.DecryptCbc(data, _iv, data, PaddingMode.None);
            _nextIv.CopyTo(_iv.AsSpan());
        }
    }

    public void Dispose() => _algorithm.Dispose();
}
