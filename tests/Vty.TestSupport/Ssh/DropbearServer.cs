namespace Vty.TestSupport.Ssh;

/// <summary>
/// A real Dropbear server on 127.0.0.1 (foreground, logging to stderr) with throwaway host keys,
/// killed on dispose. Password logins for <see cref="SshTestUser"/> work when run as root.
/// </summary>
public sealed class DropbearServer : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private DropbearServer(ManagedProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port Dropbear listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Loopback host name.</summary>
    public string Host => "127.0.0.1";

    /// <summary>Dropbear's log so far.</summary>
    public string Log => _process.Output;

    /// <summary>Starts Dropbear with the given host key types ("ed25519", "rsa", "ecdsa") and extra arguments.</summary>
    public static async Task<DropbearServer> StartAsync(IEnumerable<string>? hostKeyTypes = null, IEnumerable<string>? extraArguments = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort.Next();
            var args = new List<string> { "-F", "-E", "-p", $"127.0.0.1:{port}" };
            foreach (string type in hostKeyTypes ?? ["ed25519", "ecdsa", "rsa"])
                args.AddRange(["-r", await SshTestKeys.GetAsync($"dropbear-{type}")]);
            args.AddRange(extraArguments ?? []);
            ManagedProcess process = ManagedProcess.Start("/usr/sbin/dropbear", args);
            try
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(15), () => process.HasExited);
                return new DropbearServer(process, port);
            }
            catch (Exception) when (attempt < 3)
            {
                await process.DisposeAsync();
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
