using System.Runtime.InteropServices;
using System.Text;

namespace Vty.Ssh.Algorithms.Native;

/// <summary>
/// The few OpenSSL 3 libcrypto functions that .NET does not expose and that SSH spends its CPU on:
/// X25519, Ed25519, raw ChaCha20 and Poly1305. Loaded once from the same libcrypto .NET's own
/// cryptography uses; where it is missing (or <c>VTY_CRYPTO=managed</c> is set) callers fall back
/// to BouncyCastle's managed code.
/// </summary>
internal static unsafe class LibCrypto
{
    public const int NidX25519 = 1034;
    public const int NidEd25519 = 1087;

    private static readonly nint Library;

    // EVP_PKEY
    internal static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> NewRawPrivateKey;
    internal static readonly delegate* unmanaged<int, nint, byte*, nuint, nint> NewRawPublicKey;
    internal static readonly delegate* unmanaged<nint, byte*, nuint*, int> GetRawPublicKey;
    internal static readonly delegate* unmanaged<nint, void> PkeyFree;
    internal static readonly delegate* unmanaged<nint, nint, nint> PkeyCtxNew;
    internal static readonly delegate* unmanaged<nint, void> PkeyCtxFree;
    internal static readonly delegate* unmanaged<nint, int> DeriveInit;
    internal static readonly delegate* unmanaged<nint, nint, int> DeriveSetPeer;
    internal static readonly delegate* unmanaged<nint, byte*, nuint*, int> Derive;
    // EVP_MD_CTX (one-shot Ed25519)
    internal static readonly delegate* unmanaged<nint> MdCtxNew;
    internal static readonly delegate* unmanaged<nint, void> MdCtxFree;
    internal static readonly delegate* unmanaged<nint, nint, nint, nint, nint, int> DigestVerifyInit;
    internal static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int> DigestVerify;
    internal static readonly delegate* unmanaged<nint, nint, nint, nint, nint, int> DigestSignInit;
    internal static readonly delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int> DigestSign;
    // EVP_CIPHER (ChaCha20)
    internal static readonly delegate* unmanaged<nint> CipherCtxNew;
    internal static readonly delegate* unmanaged<nint, void> CipherCtxFree;
    internal static readonly delegate* unmanaged<nint> ChaCha20Cipher;
    internal static readonly delegate* unmanaged<nint, nint, nint, byte*, byte*, int> EncryptInit;
    internal static readonly delegate* unmanaged<nint, byte*, int*, byte*, int, int> EncryptUpdate;
    // EVP_MAC (Poly1305)
    internal static readonly delegate* unmanaged<nint, byte*, byte*, nint> MacFetch;
    internal static readonly delegate* unmanaged<nint, void> MacFree;
    internal static readonly delegate* unmanaged<nint, nint> MacCtxNew;
    internal static readonly delegate* unmanaged<nint, void> MacCtxFree;
    internal static readonly delegate* unmanaged<nint, byte*, nuint, nint, int> MacInit;
    internal static readonly delegate* unmanaged<nint, byte*, nuint, int> MacUpdate;
    internal static readonly delegate* unmanaged<nint, byte*, nuint*, nuint, int> MacFinal;
    internal static readonly delegate* unmanaged<void> ClearErrors;

    /// <summary>The Poly1305 MAC implementation, fetched once; zero when unavailable.</summary>
    internal static readonly nint Poly1305Mac;

    static LibCrypto()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("VTY_CRYPTO"), "managed", StringComparison.OrdinalIgnoreCase))
            return;
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD() || OperatingSystem.IsMacOS()))
            return;
        foreach (string candidate in new[] { "libcrypto.so.3", "libcrypto.3.dylib", "libcrypto.so" })
        {
            if (NativeLibrary.TryLoad(candidate, out Library))
                break;
        }
        if (Library == 0)
            return;
        try
        {
            NewRawPrivateKey = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("EVP_PKEY_new_raw_private_key");
            NewRawPublicKey = (delegate* unmanaged<int, nint, byte*, nuint, nint>)Export("EVP_PKEY_new_raw_public_key");
            GetRawPublicKey = (delegate* unmanaged<nint, byte*, nuint*, int>)Export("EVP_PKEY_get_raw_public_key");
            PkeyFree = (delegate* unmanaged<nint, void>)Export("EVP_PKEY_free");
            PkeyCtxNew = (delegate* unmanaged<nint, nint, nint>)Export("EVP_PKEY_CTX_new");
            PkeyCtxFree = (delegate* unmanaged<nint, void>)Export("EVP_PKEY_CTX_free");
            DeriveInit = (delegate* unmanaged<nint, int>)Export("EVP_PKEY_derive_init");
            DeriveSetPeer = (delegate* unmanaged<nint, nint, int>)Export("EVP_PKEY_derive_set_peer");
            Derive = (delegate* unmanaged<nint, byte*, nuint*, int>)Export("EVP_PKEY_derive");
            MdCtxNew = (delegate* unmanaged<nint>)Export("EVP_MD_CTX_new");
            MdCtxFree = (delegate* unmanaged<nint, void>)Export("EVP_MD_CTX_free");
            DigestVerifyInit = (delegate* unmanaged<nint, nint, nint, nint, nint, int>)Export("EVP_DigestVerifyInit");
            DigestVerify = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int>)Export("EVP_DigestVerify");
            DigestSignInit = (delegate* unmanaged<nint, nint, nint, nint, nint, int>)Export("EVP_DigestSignInit");
            DigestSign = (delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int>)Export("EVP_DigestSign");
            CipherCtxNew = (delegate* unmanaged<nint>)Export("EVP_CIPHER_CTX_new");
            CipherCtxFree = (delegate* unmanaged<nint, void>)Export("EVP_CIPHER_CTX_free");
            ChaCha20Cipher = (delegate* unmanaged<nint>)Export("EVP_chacha20");
            EncryptInit = (delegate* unmanaged<nint, nint, nint, byte*, byte*, int>)Export("EVP_EncryptInit_ex");
            EncryptUpdate = (delegate* unmanaged<nint, byte*, int*, byte*, int, int>)Export("EVP_EncryptUpdate");
            MacFetch = (delegate* unmanaged<nint, byte*, byte*, nint>)Export("EVP_MAC_fetch");
            MacFree = (delegate* unmanaged<nint, void>)Export("EVP_MAC_free");
            MacCtxNew = (delegate* unmanaged<nint, nint>)Export("EVP_MAC_CTX_new");
            MacCtxFree = (delegate* unmanaged<nint, void>)Export("EVP_MAC_CTX_free");
            MacInit = (delegate* unmanaged<nint, byte*, nuint, nint, int>)Export("EVP_MAC_init");
            MacUpdate = (delegate* unmanaged<nint, byte*, nuint, int>)Export("EVP_MAC_update");
            MacFinal = (delegate* unmanaged<nint, byte*, nuint*, nuint, int>)Export("EVP_MAC_final");
            ClearErrors = (delegate* unmanaged<void>)Export("ERR_clear_error");
        }
        catch (EntryPointNotFoundException)
        {
            // An OpenSSL 1.x (no EVP_MAC) or another library of that name: stay managed.
            Library = 0;
            return;
        }
        byte[] name = Encoding.ASCII.GetBytes("POLY1305\0");
        fixed (byte* n = name)
            Poly1305Mac = MacFetch(0, n, null);
        if (Poly1305Mac == 0)
        {
            ClearErrors();
            Library = 0;
            return;
        }
        IsAvailable = true;
    }

    /// <summary>True when libcrypto 3 was found and every function above resolved.</summary>
    public static bool IsAvailable { get; }

    /// <summary>What runs the SSH primitives, for logs and benchmarks: "OpenSSL libcrypto" or "managed (BouncyCastle)".</summary>
    public static string Provider => IsAvailable ? "OpenSSL libcrypto" : "managed (BouncyCastle)";

    private static nint Export(string name) => NativeLibrary.GetExport(Library, name);

    /// <summary>Throws after a failed call, leaving OpenSSL's error queue empty for .NET's own cryptography.</summary>
    internal static Exception Failure(string what)
    {
        ClearErrors();
        return new System.Security.Cryptography.CryptographicException(
            $"OpenSSL libcrypto: {what} failed; set VTY_CRYPTO=managed to use the managed implementation instead, and report it with the output of `openssl version`");
    }
}
