namespace Vty.Ssh.Algorithms.Ciphers;

/// <summary>The "none" cipher used before the first NEWKEYS: leaves data unchanged.</summary>
internal sealed class NoneTransform : IBlockTransform
{
    public int BlockSize => 8;

    public void Transform(Span<byte> data) { }

    public void Dispose() { }
}
