using System.Runtime.InteropServices;

namespace Vty.Cli.Platform;

/// <summary>
/// The POSIX terminal calls the interactive shell needs (libc, Linux and macOS). The termios
/// structure is handled as an opaque buffer larger than any platform's, filled by tcgetattr and
/// changed only by cfmakeraw, so no field layout is assumed.
/// </summary>
internal static class Termios
{
    /// <summary>Bytes reserved for a termios structure (glibc x86-64: 60, macOS: 72).</summary>
    public const int StateSize = 256;

    private const int TcsaNow = 0;

    // struct winsize request: Linux (all common architectures) and the BSDs/macOS differ.
    private static readonly nuint GetWindowSizeRequest = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x40087468u : 0x5413u;

    /// <summary>True when <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => !OperatingSystem.IsWindows() && isatty(fd) == 1;

    /// <summary>Reads the terminal state of <paramref name="fd"/>; null when it is no terminal.</summary>
    public static byte[]? GetState(int fd)
    {
        var state = new byte[StateSize];
        return tcgetattr(fd, state) == 0 ? state : null;
    }

    /// <summary>Applies <paramref name="state"/> (from <see cref="GetState"/>) at once; false when the call failed.</summary>
    public static bool SetState(int fd, byte[] state) => tcsetattr(fd, TcsaNow, state) == 0;

    /// <summary>
    /// <paramref name="state"/> changed to raw mode: no echo, no line editing, no signals from
    /// Ctrl-C/Ctrl-Z/Ctrl-\, no CR/LF translation, 8-bit input, reads return every byte.
    /// </summary>
    public static byte[] MakeRaw(byte[] state)
    {
        var raw = (byte[])state.Clone();
        cfmakeraw(raw);
        return raw;
    }

    /// <summary>The window size of <paramref name="fd"/>, or null when it cannot be read.</summary>
    public static (int Columns, int Rows)? GetWindowSize(int fd)
    {
        // ioctl is variadic; a fixed-argument call is only safe where variadic and fixed arguments
        // are passed alike (Linux, x64 macOS). Elsewhere the console's own (cached) size is used.
        if (!OperatingSystem.IsLinux() && !(OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.X64))
            return Console.WindowWidth > 0 && Console.WindowHeight > 0 ? (Console.WindowWidth, Console.WindowHeight) : null;
        if (ioctl(fd, GetWindowSizeRequest, out WindowSize size) != 0)
            return null;
        return size.Columns > 0 && size.Rows > 0 ? (size.Columns, size.Rows) : null;
    }

    [DllImport("libc", EntryPoint = "isatty")]
    private static extern int isatty(int fd);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static extern int tcgetattr(int fd, [Out] byte[] state);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, [In] byte[] state);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    private static extern void cfmakeraw([In, Out] byte[] state);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out WindowSize size);

    // struct winsize: rows, columns, then pixel sizes, all unsigned short.
    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort WidthPixels;
        public ushort HeightPixels;
    }
}
