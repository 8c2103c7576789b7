using Vty.TestSupport;

namespace Vty.Nats.Tests.Support;

/// <summary>
/// Debian's nats-server with JetStream on a claimed loopback port and a throwaway store, started by
/// the test; it can be stopped and started again on the same port and store (a server restart).
/// </summary>
internal sealed class NatsServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nats-server";
    private readonly string _store;
    private readonly string[] _options;
    private ManagedProcess? _process;

    private NatsServer(int port, string store, string[] options)
    {
        Port = port;
        _store = store;
        _options = options;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public string Log => _process?.Output ?? "";

    /// <param name="options">More nats-server options (TLS, users).</param>
    public static async Task<NatsServer> StartAsync(params string[] options)
    {
        if (!File.Exists(Binary))
            throw new FileNotFoundException($"{Binary} is missing: run scripts/install-test-deps.sh (Debian package nats-server)");
        string store = Path.Combine(Path.GetTempPath(), $"vty-nats-{Guid.NewGuid():N}");
        Directory.CreateDirectory(store);
        var server = new NatsServer(FreePort.Next(), store, options);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        _process = ManagedProcess.Start(Binary, ["-js", "-sd", _store, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. _options]);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(20), () => _process.HasExited);
    }

    public async Task StopAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_store, recursive: true); }
        catch (IOException) { }
    }
}
