using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vty.Bench.Micro;

/// <summary>
/// <c>micro [BenchmarkDotNet args, e.g. --filter *Packet*]</c>: the BenchmarkDotNet micro
/// benchmarks with a short in-process job (1 launch, 3 warm-ups, 5 iterations) so the set
/// finishes in a few minutes on a loaded machine. Needs a Release build.
/// </summary>
public static class MicroBench
{
    private static readonly Type[] Benchmarks =
    [
        typeof(PacketProtectionBenchmarks),
        typeof(TerminalCleanerBenchmarks),
        typeof(PromptMatchBenchmarks),
        typeof(LongLinePromptBenchmarks),
        typeof(OsGuesserBenchmarks),
    ];

    /// <summary>Entry point of the mode.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5);
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.JoinSummary);
        if (args.Length == 0)
            args = ["--filter", "*"];
        var summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run(args, config);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return Task.FromResult(failed ? 1 : 0);
    }
}
