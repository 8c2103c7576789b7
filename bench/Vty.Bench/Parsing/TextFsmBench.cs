using System.Diagnostics;
using System.Globalization;
using Vty.Parsing;

namespace Vty.Bench.Parsing;

/// <summary>
/// <c>textfsm TEMPLATE INPUT [RUNS]</c>: parses INPUT with TEMPLATE RUNS times (after warm-up) and
/// prints one line: <c>vty lines=L rows=R load_ms=X median_ms=Y min_ms=Z cpu_ms=C</c> (C: process
/// CPU time per parse, the fair figure on a busy machine). The template is read
/// once (as CliTable caches it); load_ms is that read plus the first parse (interpreted regexes,
/// then compiled once the template has seen enough lines).
/// bench/textfsm-vs-python.sh runs the reference the same way and prints the comparison.
/// </summary>
public static class TextFsmBench
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: textfsm TEMPLATE INPUT [RUNS]");
            return Task.FromResult(2);
        }

        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        string input = File.ReadAllText(args[1]);
        var load = Stopwatch.StartNew();
        TextFsmTemplate template = TextFsmTemplate.Load(args[0]);
        TextFsmTable table = template.Parse(input);
        load.Stop();
        // Enough warm-up for tiered compilation to reach the optimised code of the hot loop.
        for (int i = 0; i < 30; i++)
            table = template.Parse(input);

        // CPU time as well as wall time: on a loaded machine the wall clock mostly measures waiting.
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            table = template.Parse(input);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        times.Sort();
        int lines = input.Split('\n').Length - (input.EndsWith('\n') ? 1 : 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vty lines={lines} rows={table.Rows.Count} load_ms={load.Elapsed.TotalMilliseconds:0.0} median_ms={times[times.Count / 2]:0.00} min_ms={times[0]:0.00} cpu_ms={cpuMs:0.00}"));
        return Task.FromResult(0);
    }
}
