using System.Text;

namespace Vty.TestSupport.Ssh;

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 with a throwaway config in a temp dir, killed on dispose.
/// Runs in the foreground (-D -e) as root with UsePAM no (passwords checked against shadow),
/// StrictModes no and an AuthorizedKeysFile in the temp dir. Settings passed to
/// <see cref="StartAsync"/> win over the defaults (e.g. KexAlgorithms, Ciphers, RekeyLimit).
/// </summary>
public sealed class OpenSshServer : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly ManagedProcess _process;

    private OpenSshServer(TempDirectory dir, ManagedProcess process, int port, string authorizedKeysPath)
    {
        _dir = dir;
        _process = process;
        Port = port;
        AuthorizedKeysPath = authorizedKeysPath;
    }

    /// <summary>The port sshd listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Loopback host name.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The authorized_keys file the server reads for <see cref="SshTestUser"/>.</summary>
    public string AuthorizedKeysPath { get; }

    /// <summary>sshd's log so far (for failure messages).</summary>
    public string Log => _process.Output;

    /// <summary>
    /// Starts sshd. <paramref name="hostKeys"/> are <see cref="SshTestKeys"/> names (default ed25519,
    /// ecdsa256, rsa); <paramref name="authorizedKeys"/> are key names whose public keys may log in.
    /// </summary>
    public static async Task<OpenSshServer> StartAsync(IDictionary<string, string>? settings = null,
        IEnumerable<string>? hostKeys = null, IEnumerable<string>? authorizedKeys = null)
    {
        System.IO.Directory.CreateDirectory("/run/sshd");
        string sshd = "/usr/sbin/sshd";
        if (!File.Exists(sshd))
            throw new FileNotFoundException("OpenSSH sshd is not installed at /usr/sbin/sshd (run scripts/install-test-deps.sh)");
        for (int attempt = 1; ; attempt++)
        {
            var dir = new TempDirectory("vty-sshd");
            string authorized = dir.File("authorized_keys");
            var lines = new StringBuilder();
            foreach (string key in authorizedKeys ?? [])
                lines.AppendLine(await SshTestKeys.GetPublicLineAsync(key));
            await File.WriteAllTextAsync(authorized, lines.ToString());
            int port = FreePort.Next();
            var config = new StringBuilder();
            var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in settings ?? new Dictionary<string, string>())
            {
                config.AppendLine($"{k} {v}");
                given.Add(k);
            }
            void Default(string k, string v)
            {
                if (!given.Contains(k)) config.AppendLine($"{k} {v}");
            }
            foreach (string key in hostKeys ?? ["ed25519", "ecdsa256", "rsa"])
                config.AppendLine($"HostKey {await SshTestKeys.GetAsync(key)}");
            config.AppendLine($"ListenAddress 127.0.0.1:{port}");
            Default("PidFile", "none");
            Default("UsePAM", "no");
            Default("StrictModes", "no");
            Default("AuthorizedKeysFile", authorized);
            Default("PasswordAuthentication", "yes");
            Default("KbdInteractiveAuthentication", "no");
            Default("PubkeyAuthentication", "yes");
            Default("PermitRootLogin", "no");
            Default("AllowUsers", SshTestUser.Name);
            Default("LogLevel", "VERBOSE");
            Default("MaxSessions", "100");
            Default("MaxStartups", "200");
            Default("MaxAuthTries", "20");
            Default("LoginGraceTime", "60");
            Default("AcceptEnv", "VTY_*");
            Default("Subsystem", "vtyecho /bin/cat");
            string configPath = dir.File("sshd_config");
            await File.WriteAllTextAsync(configPath, config.ToString());
            ManagedProcess process = ManagedProcess.Start(sshd, ["-D", "-e", "-f", configPath]);
            try
            {
                await process.WaitForOutputAsync("Server listening on", TimeSpan.FromSeconds(15));
                return new OpenSshServer(dir, process, port, authorized);
            }
            catch (Exception) when (attempt < 3 && process.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                await process.DisposeAsync();
                dir.Dispose();
            }
            catch
            {
                await process.DisposeAsync();
                dir.Dispose();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}
