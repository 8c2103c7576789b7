namespace Vty.TestSupport.Telnet;

/// <summary>
/// A real telnetd started for one test on 127.0.0.1 and an ephemeral port, logging in through
/// the real /bin/login; killed (with its login sessions) on dispose.
/// </summary>
public sealed class TelnetdFixture : IAsyncDisposable
{
    /// <summary>busybox-static binary with the telnetd applet (see scripts/install-test-deps.sh).</summary>
    public const string BusyboxPath = "/opt/vty-test-tools/busybox";

    /// <summary>inetutils telnetd, run per connection by tcpserver.</summary>
    public const string InetutilsTelnetdPath = "/usr/sbin/telnetd";

    /// <summary>The throwaway login user created by scripts/install-test-deps.sh.</summary>
    public const string User = "vtytest";

    /// <summary>Its password.</summary>
    public const string Password = "vtytest-pw";

    private readonly ManagedProcess _process;

    private TelnetdFixture(ManagedProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Port the telnetd listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The server's captured output, for failure messages.</summary>
    public string Output => _process.Output;

    /// <summary>busybox telnetd -F -p PORT -b 127.0.0.1 -l /bin/login.</summary>
    public static Task<TelnetdFixture> StartBusyboxAsync() =>
        StartAsync(port => ManagedProcess.Start(
            BusyboxPath, ["telnetd", "-F", "-p", port.ToString(), "-b", "127.0.0.1", "-l", "/bin/login"]));

    /// <summary>tcpserver -R -H 127.0.0.1 PORT /usr/sbin/telnetd -h (inetutils telnetd, inetd-style).</summary>
    public static Task<TelnetdFixture> StartInetutilsAsync()
    {
        if (!File.Exists(InetutilsTelnetdPath))
        {
            throw new FileNotFoundException(
                $"required test program {InetutilsTelnetdPath} is not installed (run scripts/install-test-deps.sh)", InetutilsTelnetdPath);
        }

        return StartAsync(port => ManagedProcess.Start(
            "tcpserver", ["-v", "-R", "-H", "127.0.0.1", port.ToString(), InetutilsTelnetdPath, "-h"]));
    }

    private static async Task<TelnetdFixture> StartAsync(Func<int, ManagedProcess> start)
    {
        // A port picked free can be taken before the server binds it: retry a few times.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = start(port);
            try
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), () => process.HasExited);
                return new TelnetdFixture(process, port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
