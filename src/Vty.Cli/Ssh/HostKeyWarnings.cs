using Vty.Ssh;

namespace Vty.Cli.Ssh;

/// <summary>
/// Prints the SSH client's host key notices on stderr as OpenSSH's ssh does ("Warning: Permanently
/// added …" at LogLevel INFO and above, the changed-key warning at ERROR and above).
/// </summary>
internal static class HostKeyWarnings
{
    public const int Quiet = 0, Fatal = 1, Error = 2, Info = 3;

    // Hosts of a fleet connect in parallel; one notice must not interleave with another.
    private static readonly object Gate = new();

    /// <summary>OpenSSH LogLevel names; the DEBUG and VERBOSE levels print what INFO prints.</summary>
    public static int ParseLogLevel(string value) => value.ToUpperInvariant() switch
    {
        "QUIET" => Quiet,
        "FATAL" => Fatal,
        "ERROR" => Error,
        "INFO" or "VERBOSE" or "DEBUG" or "DEBUG1" or "DEBUG2" or "DEBUG3" => Info,
        _ => throw new FormatException($"LogLevel must be QUIET, FATAL, ERROR, INFO, VERBOSE or DEBUG, not '{value}'"),
    };

    public static Action<SshHostKeyNotice> Create(TextWriter stderr, int logLevel)
    {
        return notice =>
        {
            int needed = notice.Kind == SshHostKeyNoticeKind.Added ? Info : Error;
            if (logLevel < needed) return;
            lock (Gate)
            {
                stderr.WriteLine(notice.Message);
                stderr.Flush();
            }
        };
    }
}
