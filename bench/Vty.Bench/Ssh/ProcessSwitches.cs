using System.Runtime.InteropServices;

namespace Vty.Bench;

/// <summary>
/// The process's context switches so far, from getrusage(RUSAGE_SELF): every thread, including
/// threads that have exited. Voluntary ones are a thread going to sleep to wait (the cost a client's
/// waits and thread hand-offs have); involuntary ones are preemption, which depends on the machine's
/// load. Linux x86-64 and arm64 layout. Compiled into Vty.Bench and Vty.Bench.SshNet.
/// </summary>
internal static partial class ProcessSwitches
{
    private const int RusageSelf = 0;

    public static (long Voluntary, long Involuntary) Now()
    {
        // struct rusage: two timevals (4 longs), then 14 longs of which ru_nvcsw and ru_nivcsw are the last two.
        long[] usage = new long[18];
        if (GetRusage(RusageSelf, usage) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return (usage[16], usage[17]);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, [Out] long[] usage);
}
