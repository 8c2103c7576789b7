using Vty.Ssh.Keys;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>
/// Our SSH server on 127.0.0.1 with an ephemeral port, throwaway host keys (ed25519, ECDSA P-256,
/// RSA made by ssh-keygen), user "tester" / password "pw" and the test programs of
/// <see cref="TestSessionHandler"/>; plus a temp folder for known_hosts and authorized_keys.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string User = "tester";
    public const string Password = "pw";

    private TestServer(SshServer server, IReadOnlyList<SshPrivateKey> hostKeys, TestLog log, TempDirectory directory)
    {
        Server = server;
        HostKeys = hostKeys;
        Log = log;
        Directory = directory;
    }

    public SshServer Server { get; }
    public IReadOnlyList<SshPrivateKey> HostKeys { get; }
    public TestLog Log { get; }
    public TempDirectory Directory { get; }
    public int Port => Server.Port;
    public string KnownHostsPath => Directory.File("known_hosts");
    public string AuthorizedKeysPath => Directory.File("authorized_keys");

    public static async Task<IReadOnlyList<SshPrivateKey>> LoadHostKeysAsync() =>
    [
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ed25519")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("ecdsa256")),
        SshPrivateKey.FromFile(await SshTestKeys.GetAsync("rsa")),
    ];

    public static async Task<TestServer> StartAsync(Action<SshServerOptions>? configure = null)
    {
        var directory = new TempDirectory("vty-ssh-server");
        var log = new TestLog();
        IReadOnlyList<SshPrivateKey> hostKeys = await LoadHostKeysAsync();
        string authorizedKeys = directory.File("authorized_keys");
        var authentication = new SshServerAuthentication
        {
            Password = (r, _) => ValueTask.FromResult(r.User == User && r.Password == Password ? SshAuthDecision.Success : SshAuthDecision.Failure),
            KeyboardInteractive = async (ctx, ct) =>
            {
                string[] answers = await ctx.AskAsync("", "", [new("Password: ")], ct);
                return ctx.User == User && answers[0] == Password ? SshAuthDecision.Success : SshAuthDecision.Failure;
            },
        }.UseAuthorizedKeys(user => user == User ? authorizedKeys : null);
        var options = new SshServerOptions
        {
            HostKeys = hostKeys.ToList(),
            Authentication = authentication,
            SessionHandler = TestSessionHandler.RunAsync,
            HandshakeTimeout = TimeSpan.FromSeconds(20),
            // Tests open many connections at once; the flood tests set the real default back.
            MaxStartups = SshMaxStartups.Unlimited,
            Logger = log,
        };
        configure?.Invoke(options);
        var server = new SshServer(options);
        server.Start();
        return new TestServer(server, hostKeys, log, directory);
    }

    /// <summary>An OpenSSH client for this server with its own known_hosts.</summary>
    public OpenSshClient OpenSsh(string? password = Password, string? identityFile = null, string user = User) => new()
    {
        Port = Port,
        KnownHostsPath = KnownHostsPath,
        User = user,
        Password = identityFile is null ? password : null,
        IdentityFile = identityFile,
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Dispose();
    }
}
