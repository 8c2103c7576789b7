using System.Runtime.InteropServices;

namespace Vty.Ssh.Algorithms.Native;

/// <summary>
/// A libcrypto EVP_PKEY made from a raw X25519 or Ed25519 private key, kept for the key's lifetime:
/// importing a private key computes its public point, which costs as much as the operation itself.
/// </summary>
internal sealed unsafe class EvpKey : SafeHandle
{
    private EvpKey() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    /// <summary>Imports a 32-byte private key of type <paramref name="nid"/> (<see cref="LibCrypto.NidX25519"/> or <see cref="LibCrypto.NidEd25519"/>).</summary>
    public static EvpKey FromPrivate(int nid, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
            throw new ArgumentException("a Curve25519 key has 32 bytes", nameof(privateKey));
        var key = new EvpKey();
        fixed (byte* p = privateKey)
            key.SetHandle(LibCrypto.NewRawPrivateKey(nid, 0, p, 32));
        if (key.IsInvalid)
            throw LibCrypto.Failure("key import");
        return key;
    }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey()
    {
        byte[] result = new byte[32];
        nuint length = 32;
        fixed (byte* r = result)
        {
            if (LibCrypto.GetRawPublicKey(handle, r, &length) != 1 || length != 32)
                throw LibCrypto.Failure("public key export");
        }
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.PkeyFree(handle);
        return true;
    }
}
