namespace Vty.Ssh.Algorithms.Native;

/// <summary>X25519 and Ed25519 through libcrypto's raw-key EVP_PKEY calls (callers check <see cref="LibCrypto.IsAvailable"/>).</summary>
internal static unsafe class NativeCurve25519
{
    /// <summary>The X25519 public value of a 32-byte private scalar.</summary>
    public static byte[] X25519PublicKey(ReadOnlySpan<byte> privateKey) => PublicKey(LibCrypto.NidX25519, privateKey);

    /// <summary>The Ed25519 public key of a 32-byte seed.</summary>
    public static byte[] Ed25519PublicKey(ReadOnlySpan<byte> seed) => PublicKey(LibCrypto.NidEd25519, seed);

    /// <summary>X25519(own, peer) into <paramref name="secret"/>; false when OpenSSL refuses the peer value (for example a low-order point).</summary>
    public static bool X25519(EvpKey own, ReadOnlySpan<byte> peerPublic, Span<byte> secret)
    {
        nint peer = 0, ctx = 0;
        bool added = false;
        try
        {
            own.DangerousAddRef(ref added);
            fixed (byte* p = peerPublic)
                peer = LibCrypto.NewRawPublicKey(LibCrypto.NidX25519, 0, p, (nuint)peerPublic.Length);
            if (peer == 0)
            {
                LibCrypto.ClearErrors();
                return false;
            }
            ctx = LibCrypto.PkeyCtxNew(own.DangerousGetHandle(), 0);
            nuint length = (nuint)secret.Length;
            fixed (byte* s = secret)
            {
                if (ctx == 0 || LibCrypto.DeriveInit(ctx) != 1 || LibCrypto.DeriveSetPeer(ctx, peer) != 1 || LibCrypto.Derive(ctx, s, &length) != 1 || length != 32)
                {
                    LibCrypto.ClearErrors();
                    return false;
                }
            }
            return true;
        }
        finally
        {
            if (ctx != 0) LibCrypto.PkeyCtxFree(ctx);
            if (peer != 0) LibCrypto.PkeyFree(peer);
            if (added) own.DangerousRelease();
        }
    }

    /// <summary>An Ed25519 signature (64 bytes) of <paramref name="message"/> with a 32-byte seed.</summary>
    public static byte[] Ed25519Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        using EvpKey key = EvpKey.FromPrivate(LibCrypto.NidEd25519, seed);
        return Ed25519Sign(key, message);
    }

    /// <summary>An Ed25519 signature (64 bytes) of <paramref name="message"/> with an imported key.</summary>
    public static byte[] Ed25519Sign(EvpKey key, ReadOnlySpan<byte> message)
    {
        nint md = LibCrypto.MdCtxNew();
        bool added = false;
        try
        {
            key.DangerousAddRef(ref added);
            byte[] signature = new byte[64];
            nuint length = 64;
            fixed (byte* m = message)
            fixed (byte* s = signature)
            {
                if (md == 0 || LibCrypto.DigestSignInit(md, 0, 0, 0, key.DangerousGetHandle()) != 1 || LibCrypto.DigestSign(md, s, &length, m, (nuint)message.Length) != 1 || length != 64)
                    throw LibCrypto.Failure("Ed25519 signing");
            }
            return signature;
        }
        finally
        {
            if (md != 0) LibCrypto.MdCtxFree(md);
            if (added) key.DangerousRelease();
        }
    }

    /// <summary>Whether <paramref name="signature"/> is a valid Ed25519 signature of <paramref name="message"/> under <paramref name="publicKey"/>.</summary>
    public static bool Ed25519Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        nint key;
        fixed (byte* k = publicKey)
            key = LibCrypto.NewRawPublicKey(LibCrypto.NidEd25519, 0, k, (nuint)publicKey.Length);
        if (key == 0)
        {
            LibCrypto.ClearErrors();
            return false;
        }
        nint md = LibCrypto.MdCtxNew();
        try
        {
            fixed (byte* m = message)
            fixed (byte* s = signature)
            {
                bool ok = md != 0 && LibCrypto.DigestVerifyInit(md, 0, 0, 0, key) == 1 && LibCrypto.DigestVerify(md, s, (nuint)signature.Length, m, (nuint)message.Length) == 1;
                if (!ok)
                    LibCrypto.ClearErrors();
                return ok;
            }
        }
        finally
        {
            if (md != 0) LibCrypto.MdCtxFree(md);
            LibCrypto.PkeyFree(key);
        }
    }

    private static byte[] PublicKey(int nid, ReadOnlySpan<byte> privateKey)
    {
        using EvpKey key = EvpKey.FromPrivate(nid, privateKey);
        return key.PublicKey();
    }
}
