using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vty.Accounts;
using Vty.Lab;
using Vty.Protocols;

namespace Vty.Bench.Protocol;

/// <summary>
/// <c>protocol-long-line [--lengths 10000,100000,1000000] [--piece 16] [--runs 3] [--drivers ios,generic] [--fillers .,a]</c>:
/// one command whose output is a single line of LENGTH filler characters with no line break,
/// received <c>--piece</c> bytes per read (a <see cref="TrickleStream"/> over
/// <see cref="InMemoryDuplex"/>), then a line break and the prompt. Every read makes Execute look
/// for the prompt on the current line again, so this is where a scan that re-reads the whole
/// line shows: CPU per received byte grows with the length instead of staying flat.
/// </summary>
public static class LongLineBench
{
    /// <summary>Entry point of the mode.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int[] lengths = [10_000, 100_000, 1_000_000];
        int piece = 16;
        int runs = 3;
        string[] drivers = ["ios", "generic"];
        char[] fillers = ['.', 'a'];
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--lengths": lengths = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--piece": piece = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--drivers": drivers = args[i + 1].Split(','); break;
                case "--fillers": fillers = args[i + 1].Split(',').Select(s => s[0]).ToArray(); break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}; use --lengths 10000,100000,1000000 --piece 16 --runs 3 --drivers ios,generic --fillers .,a");
                    return 2;
            }
        }

        Console.WriteLine($"protocol-long-line: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {piece} bytes per read, runs {runs} (median CPU)");
        Console.WriteLine($"{"driver",8} {"filler",6} {"length",9} {"reads",8} {"wall ms",9} {"CPU ms",8} {"CPU ns/byte",12} {"alloc/byte",11}");
        foreach (string driver in drivers)
        {
            foreach (char filler in fillers)
            {
                await MeasureAsync(driver, filler, 1000, piece); // warm-up: JIT and tiering
                foreach (int length in lengths)
                {
                    var results = new List<(TimeSpan Wall, TimeSpan Cpu, long Allocated)>();
                    for (int r = 0; r < runs; r++)
                        results.Add(await MeasureAsync(driver, filler, length, piece));
                    var median = results.OrderBy(x => x.Cpu).ElementAt(results.Count / 2);
                    long received = length + 2L + "router#".Length;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{driver,8} {"'" + filler + "'",6} {length,9} {(received + piece - 1) / piece,8} {median.Wall.TotalMilliseconds,9:F0} {median.Cpu.TotalMilliseconds,8:F0} {median.Cpu.TotalMilliseconds * 1e6 / received,12:F0} {median.Allocated / (double)received,11:F2}"));
                }
            }
        }

        return 0;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu, long Allocated)> MeasureAsync(string driver, char filler, int length, int piece)
    {
        var (client, device) = InMemoryDuplex.CreatePair();
        using var stop = new CancellationTokenSource();
        var options = new ProtocolOptions { Driver = driver, Authorization = AuthorizationMode.Never, CommandTimeout = TimeSpan.FromMinutes(10) };
        await using var session = new StreamProtocol(new TrickleStream(client, piece), options);
        await session.OpenAsync("long-line-device", stop.Token);
        var login = session.LoginAsync(new Account("lab", "lab"), cancellationToken: stop.Token);
        await device.WriteAsync(Encoding.Latin1.GetBytes("\r\nrouter#"), stop.Token);
        await login;

        byte[] line = Encoding.Latin1.GetBytes(new string(filler, length) + "\r\nrouter#");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var run = session.ExecuteAsync("show blob", stop.Token);
        await ReadCommandAsync(device, stop.Token);
        await device.WriteAsync(line, stop.Token);
        var result = await run;
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (result.Output.Length != length || result.Prompt != "router#")
            throw new InvalidOperationException($"Output check failed: {result.Output.Length} chars (expected {length}), prompt '{result.Prompt}'.");
        await stop.CancelAsync();
        return (clock.Elapsed, cpu, allocated);
    }

    // The device does not echo: it waits for the command's line end, then answers.
    private static async Task ReadCommandAsync(Stream device, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        while (await device.ReadAsync(one, cancellationToken) == 1 && one[0] != (byte)'\r')
        {
        }
    }
}
