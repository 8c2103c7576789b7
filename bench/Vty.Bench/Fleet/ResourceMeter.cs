using System.Diagnostics;

namespace Vty.Bench.Fleet;

/// <summary>Wall time, CPU time and peak resident memory of this process over a measured span.</summary>
internal sealed class ResourceMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Wall => _wall.Elapsed;

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpuStart;

    /// <summary>Peak resident set size of the process so far (VmHWM on Linux), in MiB.</summary>
    public static double PeakRssMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (string line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return double.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
