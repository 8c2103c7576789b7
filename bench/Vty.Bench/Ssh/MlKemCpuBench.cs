using System.Diagnostics;
using System.Globalization;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Vty.Ssh.Algorithms.Kem;

namespace Vty.Bench.Ssh;

/// <summary>
/// <c>mlkem-cpu ours|managed|platform|bc [rounds]</c>: CPU and allocation of ML-KEM-768 rounds (client key
/// pair, server encapsulation, client decapsulation: what one mlkem768x25519 key exchange costs both
/// ends) for our implementation with its default hashes, with a given SHA-3 back end (BouncyCastle's or the
/// platform's), or BouncyCastle's whole ML-KEM.
/// Run each in a fresh process: the first block of rounds is the cold cost a short-lived process
/// (a thousand-host fleet run) pays under tiered JIT, the later blocks the steady state.
/// </summary>
public static class MlKemCpuBench
{
    public static Task<int> RunAsync(string[] args)
    {
        string which = args.Length > 0 ? args[0] : "ours";
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        Action round = which switch
        {
            "ours" => () => Round(MlKem768.Instance),
            "managed" => () => Round(new MlKem768(new ManagedMlKemHashes())),
            "platform" => () => Round(new MlKem768(new PlatformMlKemHashes())),
            "bc" => BouncyCastleRound,
            _ => throw new ArgumentException($"mlkem-cpu: unknown implementation '{which}' (ours, managed, platform or bc)"),
        };
        Console.WriteLine("| implementation | block | rounds | CPU per round (µs) | allocated per round (B) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        for (int block = 1; block <= 4; block++)
        {
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < rounds; i++)
                round();
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / rounds;
            double allocated = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {which} | {(block == 1 ? "first (cold)" : block.ToString(CultureInfo.InvariantCulture))} | {rounds} | {cpu:0} | {allocated:0} |"));
        }
        return Task.FromResult(0);
    }

    private static void Round(MlKem768 kem)
    {
        using IKemKeyPair keys = kem.GenerateKeyPair();
        KemEncapsulation encapsulation = kem.Encapsulate(keys.PublicKey);
        if (!keys.Decapsulate(encapsulation.Ciphertext).AsSpan().SequenceEqual(encapsulation.Secret))
            throw new InvalidOperationException("ML-KEM round disagreed");
    }

    // What MlKem768 did before it was our own: BouncyCastle 2.7's key generator, encapsulator and decapsulator.
    private static void BouncyCastleRound()
    {
        MLKemParameters parameters = MLKemParameters.ml_kem_768;
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new SecureRandom(), parameters));
        var privateKey = (MLKemPrivateKeyParameters)generator.GenerateKeyPair().Private;
        byte[] publicKey = privateKey.GetPublicKeyEncoded();

        var encapsulator = new MLKemEncapsulator(parameters);
        encapsulator.Init(new ParametersWithRandom(MLKemPublicKeyParameters.FromEncoding(parameters, publicKey.ToArray()), new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var secret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, secret);

        var decapsulator = new MLKemDecapsulator(parameters);
        decapsulator.Init(privateKey);
        var decapsulated = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, decapsulated);
        if (!decapsulated.AsSpan().SequenceEqual(secret))
            throw new InvalidOperationException("BouncyCastle ML-KEM round disagreed");
    }
}
