namespace Vty.Ssh.Algorithms.Ciphers;

/// <summary>
/// A stateful, in-place cipher transform for one direction of a non-AEAD packet stream
/// (none, CTR or CBC). State (counter, chaining block) carries over from call to call, so a
/// packet may be processed in several pieces as long as each piece is whole blocks.
/// </summary>
internal interface IBlockTransform : IDisposable
{
    /// <summary>Cipher block size in bytes (8 for none, as RFC 4253 requires).</summary>
    int BlockSize { get; }

    /// <summary>Encrypts or decrypts <paramref name="data"/> in place; its length is a multiple of the block size.</summary>
    void Transform(Span<byte> data);
}
