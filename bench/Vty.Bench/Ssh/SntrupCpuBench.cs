using System.Diagnostics;
using System.Globalization;
using Vty.Ssh.Algorithms.Kem;
using Vty.Ssh.Algorithms.Kem.NtruPrime;
using Bc = Org.BouncyCastle.Pqc.Crypto.NtruPrime;
using BcRandom = Org.BouncyCastle.Security.SecureRandom;

namespace Vty.Bench.Ssh;

/// <summary>
/// <c>sntrup-cpu [seconds] [repeats]</c>: process CPU time of sntrup761 key generation,
/// encapsulation and decapsulation in our implementation (AVX2, 128-bit and scalar paths) and in
/// BouncyCastle, side by side in one process; each figure is the median of the repeats, the
/// implementations alternating within each repeat.
/// </summary>
public static class SntrupCpuBench
{
    private static readonly Bc.SNtruPrimeParameters BcParameters = Bc.SNtruPrimeParameters.sntrup761;

    public static Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

        // First use in a fresh process, JIT included: what one short-lived client pays.
        double firstOurs = FirstUse(() =>
        {
            using IKemKeyPair keys = Sntrup761.Instance.GenerateKeyPair();
            keys.Decapsulate(Sntrup761.Instance.Encapsulate(keys.PublicKey).Ciphertext);
        });
        double firstBc = FirstUse(() => BouncyCastle());
        var implementations = new (string Name, Operations Ops)[]
        {
            ("Vty (AVX2)", Ours(new Sntrup761(SimdLevel.Avx2))),
            ("Vty (128-bit vectors)", Ours(new Sntrup761(SimdLevel.Vector128))),
            ("Vty (scalar)", Ours(new Sntrup761(SimdLevel.Scalar))),
            ("BouncyCastle 2.7", BouncyCastle()),
        };
        string[] operations = ["key generation", "encapsulation", "decapsulation"];
        var samples = new Dictionary<(string, string), List<double>>();
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            foreach ((string name, Operations ops) in implementations)
            {
                Add(samples, (name, operations[0]), Measure(seconds, ops.KeyGen));
                Add(samples, (name, operations[1]), Measure(seconds, ops.Encaps));
                Add(samples, (name, operations[2]), Measure(seconds, ops.Decaps));
            }
        }

        Console.WriteLine($"| sntrup761, CPU µs per operation (median of {repeats}) | " + string.Join(" | ", implementations.Select(i => i.Name)) + " | BouncyCastle / Vty (AVX2) |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", implementations.Length + 1)));
        double Median((string, string) key) => samples[key].Order().ElementAt(samples[key].Count / 2);
        foreach (string operation in operations)
            Row(operation, implementations.Select(i => Median((i.Name, operation))).ToArray());
        Row("client side (key generation + decapsulation)",
            implementations.Select(i => Median((i.Name, operations[0])) + Median((i.Name, operations[2]))).ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| first key generation + encapsulation + decapsulation in the process, JIT included | {firstOurs:0} | | | {firstBc:0} | {firstBc / firstOurs:0.0}× |"));
        Console.WriteLine($"(load average before: {load}; after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}; {Environment.ProcessorCount} cores)");
        return Task.FromResult(0);
    }

    private static void Row(string name, double[] values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {string.Join(" | ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} | {values[^1] / values[0]:0.0}× |"));

    private static void Add(Dictionary<(string, string), List<double>> samples, (string, string) key, double value)
    {
        if (!samples.TryGetValue(key, out List<double>? list))
            samples[key] = list = [];
        list.Add(value);
    }

    private sealed record Operations(Action KeyGen, Action Encaps, Action Decaps);

    private static Operations Ours(Sntrup761 kem)
    {
        using IKemKeyPair fixedKeys = kem.GenerateKeyPair();
        byte[] publicKey = fixedKeys.PublicKey.ToArray();
        IKemKeyPair keys = kem.GenerateKeyPair();
        byte[] ciphertext = kem.Encapsulate(keys.PublicKey).Ciphertext;
        return new Operations(
            () => kem.GenerateKeyPair().Dispose(),
            () => kem.Encapsulate(publicKey),
            () => keys.Decapsulate(ciphertext));
    }

    private static Operations BouncyCastle()
    {
        var random = new BcRandom();
        Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair Generate()
        {
            var generator = new Bc.SNtruPrimeKeyPairGenerator();
            generator.Init(new Bc.SNtruPrimeKeyGenerationParameters(random, BcParameters));
            return generator.GenerateKeyPair();
        }
        var pair = Generate();
        var publicKey = (Bc.SNtruPrimePublicKeyParameters)pair.Public;
        var privateKey = (Bc.SNtruPrimePrivateKeyParameters)pair.Private;
        byte[] ciphertext;
        using (var encapsulated = new Bc.SNtruPrimeKemGenerator(random).GenerateEncapsulated(publicKey))
            ciphertext = encapsulated.GetEncapsulation();
        new Bc.SNtruPrimeKemExtractor(privateKey).ExtractSecret(ciphertext);
        return new Operations(
            () => Generate(),
            () => new Bc.SNtruPrimeKemGenerator(random).GenerateEncapsulated(publicKey).Dispose(),
            () => new Bc.SNtruPrimeKemExtractor(privateKey).ExtractSecret(ciphertext));
    }

    /// <summary>CPU microseconds of running <paramref name="once"/> once.</summary>
    private static double FirstUse(Action once)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan start = process.TotalProcessorTime;
        once();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds * 1000;
    }

    /// <summary>CPU microseconds per call of <paramref name="operation"/>, run (after a warm-up) until <paramref name="seconds"/> of process CPU.</summary>
    private static double Measure(double seconds, Action operation)
    {
        // Warm-up, and a batch size that keeps the /proc reads of TotalProcessorTime out of the figure.
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++)
            operation();
        int batch = Math.Max(1, (int)(0.02 / Math.Max(clock.Elapsed.TotalSeconds / 5, 1e-6)));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan start = process.TotalProcessorTime;
        long count = 0;
        double cpu;
        do
        {
            for (int i = 0; i < batch; i++)
                operation();
            count += batch;
            process.Refresh();
            cpu = (process.TotalProcessorTime - start).TotalSeconds;
        }
        while (cpu < seconds);
        return cpu * 1e6 / count;
    }
}
