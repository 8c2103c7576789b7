using System.Diagnostics;
using System.Globalization;
using Vty.Accounts;
using Vty.Lab;
using Vty.Protocols;

namespace Vty.Bench.Protocol;

/// <summary>
/// <c>protocol-output [--sizes 1,10,100] [--runs 3] [--kinds plain,ansi] [--check-errors true|false] [--alloc-types true|false]</c>: reads command
/// outputs of the given sizes (MiB) to the prompt through the real Protocol API
/// (<see cref="StreamProtocol"/> over <see cref="InMemoryDuplex"/> with a scripted IOS-like
/// device), and reports wall time, CPU time, MiB/s, bytes allocated, and the linear-cost ratio
/// time(largest)/time(smallest) ÷ (largest/smallest): ≈1 when cost is linear, ≈size ratio when quadratic.
/// </summary>
public static class ProtocolOutputBench
{
    private const long MiB = 1024 * 1024;

    /// <summary>Entry point of the mode.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = [1, 10, 100];
        int runs = 3;
        string[] kinds = ["plain", "ansi"];
        bool checkErrors = true;
        bool allocTypes = false;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--kinds": kinds = args[i + 1].Split(','); break;
                case "--check-errors": checkErrors = bool.Parse(args[i + 1]); break;
                case "--alloc-types": allocTypes = bool.Parse(args[i + 1]); break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}; use --sizes 1,10,100 --runs 3 --kinds plain,ansi --check-errors true --alloc-types false");
                    return 2;
            }
        }

        Console.WriteLine($"protocol-output: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, runs {runs} (median), error check {(checkErrors ? "on" : "off")}");
        bool allLinear = true;
        foreach (string kind in kinds)
        {
            var payload = kind switch
            {
                "plain" => OutputPayload.Plain(),
                "ansi" => OutputPayload.Ansi(),
                _ => throw new ArgumentException($"Unknown kind '{kind}': use plain or ansi."),
            };

            // Warm-up: JIT and tiering, not measured.
            await MeasureAsync(payload, payload.BlocksFor(MiB), checkErrors);
            await MeasureAsync(payload, payload.BlocksFor(MiB), checkErrors);

            Console.WriteLine($"{kind}: block {payload.Block.Length} bytes -> {payload.CleanedBlockChars} chars after cleaning");
            Console.WriteLine($"{"MiB",8} {"median ms",10} {"runs ms",28} {"MiB/s",8} {"CPU ms",8} {"alloc MB",9} {"alloc/byte",10}");
            var medians = new List<(double MiB, OutputRun Run)>();
            foreach (int size in sizes)
            {
                long blocks = payload.BlocksFor(size * MiB);
                var results = new List<OutputRun>();
                for (int r = 0; r < runs; r++)
                    results.Add(await MeasureAsync(payload, blocks, checkErrors));
                if (allocTypes)
                    await PrintAllocationTypesAsync(payload, blocks, checkErrors);
                var median = results.OrderBy(x => x.Elapsed).ElementAt(results.Count / 2);
                double mib = median.RawBytes / (double)MiB;
                medians.Add((mib, median));
                string all = string.Join(" ", results.Select(x => x.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mib,8:F1} {median.Elapsed.TotalMilliseconds,10:F0} {all,28} {median.MegabytesPerSecond,8:F1} {median.Cpu.TotalMilliseconds,8:F0} {median.AllocatedBytes / 1e6,9:F1} {median.AllocatedBytes / (double)median.RawBytes,10:F2}"));
            }

            if (medians.Count >= 2)
            {
                var (smallMib, small) = medians[0];
                var (largeMib, large) = medians[^1];
                double ratio = large.Elapsed.TotalSeconds / small.Elapsed.TotalSeconds / (largeMib / smallMib);
                double cpuRatio = large.Cpu.TotalSeconds / small.Cpu.TotalSeconds / (largeMib / smallMib);
                bool linear = ratio < 2.0;
                allLinear &= linear;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind}: linear-cost ratio time({largeMib:F0}MiB)/time({smallMib:F0}MiB)/{largeMib / smallMib:F0} = {ratio:F2} (CPU {cpuRatio:F2}) -> {(linear ? "linear" : "NOT linear")}"));
                for (int i = 1; i + 1 < medians.Count; i++)
                {
                    // Each step too: the smallest size is the noisiest on a loaded machine.
                    var (fromMib, from) = medians[i];
                    double step = large.Elapsed.TotalSeconds / from.Elapsed.TotalSeconds / (largeMib / fromMib);
                    double stepCpu = large.Cpu.TotalSeconds / from.Cpu.TotalSeconds / (largeMib / fromMib);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{kind}: ratio time({largeMib:F0}MiB)/time({fromMib:F0}MiB)/{largeMib / fromMib:F0} = {step:F2} (CPU {stepCpu:F2})"));
                }
            }
        }

        return allLinear ? 0 : 1;
    }

    // One more run with the runtime's allocation samples on (they cost time, so not in the table).
    private static async Task PrintAllocationTypesAsync(OutputPayload payload, long blocks, bool checkErrors)
    {
        using var sampler = new AllocationSampler();
        var run = await MeasureAsync(payload, blocks, checkErrors, sampler);
        long reads = sampler.Reads;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"",8}   {reads} reads, {run.RawBytes / (double)Math.Max(1, reads):F0} bytes per read; sampled allocations by type:"));
        foreach (var (type, bytes) in sampler.Stop().Take(8))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",8}   {bytes / (double)run.RawBytes,6:F2} B/byte  {type}"));
        }
    }

    private static async Task<OutputRun> MeasureAsync(OutputPayload payload, long blocks, bool checkErrors, AllocationSampler? sampler = null)
    {
        var (client, deviceEnd) = InMemoryDuplex.CreatePair();
        using var stop = new CancellationTokenSource();
        var device = new ScriptedDevice(deviceEnd, payload);
        var deviceTask = Task.Run(() => device.RunAsync(stop.Token), CancellationToken.None);
        var options = new ProtocolOptions
        {
            Driver = "ios",
            Authorization = AuthorizationMode.Never,
            CommandTimeout = TimeSpan.FromMinutes(10),
            // The 100 MiB run is over the default 64 MiB per-command limit.
            MaxOutput = 2 * blocks * payload.Block.Length + (1 << 20),
        };
        await using (var session = new StreamProtocol(client, options))
        {
            await session.OpenAsync("bench-device", stop.Token);
            await session.LoginAsync(new Account("lab", "lab"), cancellationToken: stop.Token);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            sampler?.Start();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = await session.ExecuteAsync($"bench-output {blocks}", new ExecuteOptions { CheckErrors = checkErrors }, stop.Token);
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (sampler is not null)
                await Task.Delay(500, CancellationToken.None); // the listener's events arrive late

            long expectedChars = blocks * payload.CleanedBlockChars - 1;
            if (result.Output.Length != expectedChars || result.Prompt != "router#")
            {
                throw new InvalidOperationException(
                    $"Output check failed: {result.Output.Length} chars (expected {expectedChars}), prompt '{result.Prompt}'.");
            }

            long rawBytes = blocks * payload.Block.Length;
            await stop.CancelAsync();
            await session.CloseAsync(force: true);
            try
            {
                await deviceTask.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The device end sees the session go away; how it notices does not matter here.
            }

            return new OutputRun(rawBytes, clock.Elapsed, cpu, allocated);
        }
    }
}
