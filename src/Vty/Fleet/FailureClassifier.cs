using System.Net.Sockets;
using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>Maps exceptions from jobs to a <see cref="FailureKind"/> and a one-line reason.</summary>
public static class FailureClassifier
{
    private const int MaxReasonLength = 400;

    /// <summary>The kind of failure and its reason: the exception's message, first line, bounded.</summary>
    public static (FailureKind Kind, string Reason) Classify(Exception exception)
    {
        Exception e = exception is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : exception;
        FailureKind kind = IsHostKeyFailure(e) ? FailureKind.HostKey : IsLocalFileFailure(e) ? FailureKind.LocalFile : e switch
        {
            InventoryException or Tasks.TaskFileException => FailureKind.Configuration,
            LoginFailedException => FailureKind.LoginFailed,
            CommandErrorException or Devices.ConfigRejectedException => FailureKind.CommandError,
            ExpectTimeoutException => FailureKind.Timeout,
            ConnectionFailedException or ConnectionClosedException => FailureKind.Unreachable,
            SocketException or EndOfStreamException => FailureKind.Unreachable,
            TimeoutException => FailureKind.Timeout,
            IOException { InnerException: SocketException } => FailureKind.Unreachable,
            IOException => FailureKind.Unreachable,
            _ => FailureKind.Error,
        };
        string reason = e is CommandErrorException command
            ? $"the device rejected '{command.Command}': {DeviceWords(command.DeviceMessage)}"
            : OneLine(e.Message);
        return (kind, reason);
    }

    /// <summary>
    /// True when the SSH layer refused the host key (changed, revoked, unknown under a strict
    /// policy), however deep the connection error wraps it.
    /// </summary>
    private static bool IsHostKeyFailure(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is Ssh.SshHostKeyMismatchException or Ssh.SshHostKeyRejectedException)
                return true;
        }
        return false;
    }

    /// <summary>
    /// True when a file on this machine failed: missing, not allowed, or the local disk full; directly
    /// or wrapped by a device file transfer step. Network errors (socket, lost SSH connection) are not.
    /// </summary>
    private static bool IsLocalFileFailure(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner is Devices.DeviceOperationException ? inner.InnerException : null)
        {
            switch (inner)
            {
                case FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException or UnauthorizedAccessException:
                    return true;
                case IOException io when IsDiskFull(io):
                    return true;
                // A bare IOException under a file transfer step comes from local file I/O: the SSH
                // layer reports its own I/O failures as SshException.
                case IOException io when inner != e && io is not EndOfStreamException && io.InnerException is not SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>ENOSPC/EDQUOT on Unix (the errno is the HResult), ERROR_DISK_FULL/ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(IOException e) =>
        OperatingSystem.IsWindows() ? e.HResult is unchecked((int)0x80070070) or unchecked((int)0x80070027) : e.HResult is 28 or 122;

    /// <summary>The device's error text on one line, without IOS's caret marker line.</summary>
    private static string DeviceWords(string deviceMessage)
    {
        var words = deviceMessage.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.Trim('^', ' ', '\r').Length > 0);
        return OneLine(string.Join(" ", words));
    }

    /// <summary>The first non-empty line of a message, shortened to a bounded length.</summary>
    public static string OneLine(string message)
    {
        string line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        line = line.TrimEnd('\r');
        return line.Length <= MaxReasonLength ? line : line[..MaxReasonLength] + "…";
    }
}
