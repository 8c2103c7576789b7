using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms.Kex;
using Vty.Ssh.Algorithms.Native;
using Vty.Ssh.Algorithms.Packets;

namespace Vty.Bench.Ssh;

/// <summary>
/// <c>crypto-cpu [seconds]</c>: process CPU time of the SSH primitives on each path, OpenSSL's
/// libcrypto (the default where it loads) and BouncyCastle's managed code (the fallback):
/// chacha20-poly1305@openssh.com sealing 32 KiB packets, X25519 (key pair + shared secret),
/// Ed25519 sign and verify. CPU time, not wall time, so a loaded machine skews it less; compare
/// with <c>openssl speed</c>, which also counts CPU time (bench/crypto-vs-openssl.sh runs both).
/// </summary>
public static class CryptoCpuBench
{
    public static Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        if (!LibCrypto.IsAvailable)
        {
            Console.Error.WriteLine("libcrypto was not loaded (VTY_CRYPTO=managed, or no OpenSSL 3): only the managed rows are meaningful");
        }
        Console.WriteLine("| primitive | libcrypto | managed (BouncyCastle) | libcrypto's advantage |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("chacha20-poly1305 seal, 32 KiB (MB/s of CPU)", ChaCha(true, seconds), ChaCha(false, seconds), higherIsBetter: true);
        Row("X25519 key pair + secret (µs CPU)", X25519(true, seconds), X25519(false, seconds), higherIsBetter: false);
        Row("Ed25519 sign (µs CPU)", Sign(true, seconds), Sign(false, seconds), higherIsBetter: false);
        Row("Ed25519 verify (µs CPU)", Verify(true, seconds), Verify(false, seconds), higherIsBetter: false);
        return Task.FromResult(0);
    }

    private static void Row(string name, double native, double managed, bool higherIsBetter) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {native:0.0} | {managed:0.0} | {(higherIsBetter ? native / managed : managed / native):0.00}× |"));

    /// <summary>Runs <paramref name="operation"/> (warm-up first) until the process used <paramref name="seconds"/> of CPU; returns (operations, CPU seconds).</summary>
    private static (long Count, double Cpu) Measure(double seconds, Action operation)
    {
        for (int i = 0; i < 200; i++)
            operation();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan start = process.TotalProcessorTime;
        long count = 0;
        double cpu;
        do
        {
            for (int i = 0; i < 50; i++)
                operation();
            count += 50;
            process.Refresh();
            cpu = (process.TotalProcessorTime - start).TotalSeconds;
        }
        while (cpu < seconds);
        return (count, cpu);
    }

    private static double ChaCha(bool native, double seconds)
    {
        using var core = new ChaCha20Poly1305Core(RandomNumberGenerator.GetBytes(64), useBclKeyStream: true, useLibCrypto: native);
        byte[] packet = RandomNumberGenerator.GetBytes(32 * 1024 + 4);
        byte[] tag = new byte[16];
        uint sequence = 0;
        (long count, double cpu) = Measure(seconds, () =>
        {
            core.CryptLength(sequence, packet, packet);
            core.Seal(sequence++, packet, tag);
        });
        return count * 32768.0 / cpu / 1e6;
    }

    private static double X25519(bool native, double seconds)
    {
        using var peer = new Curve25519KeyAgreement(RandomNumberGenerator.GetBytes(32), native);
        byte[] peerValue = peer.PublicValue.ToArray();
        (long count, double cpu) = Measure(seconds, () =>
        {
            using var own = new Curve25519KeyAgreement(RandomNumberGenerator.GetBytes(32), native);
            own.ComputeSharedSecret(peerValue);
        });
        return cpu / count * 1e6;
    }

    private static double Sign(bool native, double seconds)
    {
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        byte[] message = RandomNumberGenerator.GetBytes(200);
        using EvpKey? key = native ? EvpKey.FromPrivate(LibCrypto.NidEd25519, seed) : null;
        (long count, double cpu) = native
            ? Measure(seconds, () => NativeCurve25519.Ed25519Sign(key!, message))
            : Measure(seconds, () => Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, message, 0, message.Length, new byte[64], 0));
        return cpu / count * 1e6;
    }

    private static double Verify(bool native, double seconds)
    {
        byte[] seed = RandomNumberGenerator.GetBytes(32);
        byte[] message = RandomNumberGenerator.GetBytes(200);
        byte[] publicKey = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        byte[] signature = new byte[64];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, message, 0, message.Length, signature, 0);
        (long count, double cpu) = native
            ? Measure(seconds, () => NativeCurve25519.Ed25519Verify(publicKey, message, signature))
            : Measure(seconds, () => Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length));
        return cpu / count * 1e6;
    }
}
