using System.Globalization;
using System.Runtime.InteropServices;

namespace Vty.Cli.Platform;

/// <summary>
/// Undoes an inherited "ignore" of SIGINT and SIGTERM. A non-interactive shell starts background
/// commands (<c>vty lab &amp;</c> in a script or CI job) with SIGINT ignored, and .NET keeps ignored
/// signals ignored, so <c>kill -INT</c> would never reach the handlers <c>vty lab</c> registers.
/// A server whose only way to end is a signal must hear it; call this before anything in the
/// process touches signal handling (the console, <c>PosixSignalRegistration</c>).
/// </summary>
internal static class IgnoredSignals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly IntPtr DefaultAction = IntPtr.Zero;

    /// <summary>Resets SIGINT and SIGTERM to their default action when they were inherited as ignored (Linux).</summary>
    public static void RestoreTerminationSignals()
    {
        if (!OperatingSystem.IsLinux())
            return;
        ulong ignored = ReadIgnoredMask();
        foreach (int signal in (ReadOnlySpan<int>)[SigInt, SigTerm])
        {
            if ((ignored & (1UL << (signal - 1))) != 0)
                _ = SetSignalAction(signal, DefaultAction);
        }
    }

    // The mask of ignored signals as the kernel reports it: no struct layouts to get wrong.
    private static ulong ReadIgnoredMask()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                    return ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return 0;
    }

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetSignalAction(int signal, IntPtr action);
}
