namespace Vty.Bench.Protocol;

/// <summary>One measured ExecuteAsync: payload size, wall time, CPU time and bytes allocated.</summary>
public sealed record OutputRun(long RawBytes, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes)
{
    /// <summary>Raw megabytes (MiB) per second.</summary>
    public double MegabytesPerSecond => RawBytes / 1048576.0 / Elapsed.TotalSeconds;
}
