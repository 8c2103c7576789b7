namespace Vty.TestSupport.Ssh;

/// <summary>A real OpenSSH ssh-agent in the foreground (-D) on a socket in a temp dir, killed on dispose; keys are added with the real ssh-add.</summary>
public sealed class SshAgentProcess : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly ManagedProcess _process;

    private SshAgentProcess(TempDirectory dir, ManagedProcess process, string socket)
    {
        _dir = dir;
        _process = process;
        SocketPath = socket;
    }

    /// <summary>The agent's socket (what SSH_AUTH_SOCK would say).</summary>
    public string SocketPath { get; }

    /// <summary>Starts ssh-agent; throws when it is not installed or does not come up.</summary>
    public static async Task<SshAgentProcess> StartAsync()
    {
        if (!File.Exists("/usr/bin/ssh-agent"))
            throw new FileNotFoundException("OpenSSH ssh-agent is not installed at /usr/bin/ssh-agent (run scripts/install-test-deps.sh)");
        var dir = new TempDirectory("vty-agent");
        string socket = dir.File("agent.sock");
        ManagedProcess process = ManagedProcess.Start("/usr/bin/ssh-agent", ["-D", "-a", socket]);
        for (int i = 0; i < 200 && !File.Exists(socket) && !process.HasExited; i++) await Task.Delay(25);
        if (!File.Exists(socket))
        {
            string output = process.Output;
            await process.DisposeAsync();
            dir.Dispose();
            throw new InvalidOperationException($"ssh-agent did not create its socket: {output}");
        }
        // The socket file appears at bind(), a moment before listen(): wait until it answers.
        for (int i = 0; i < 200 && !await AcceptsAsync(socket); i++) await Task.Delay(25);
        return new SshAgentProcess(dir, process, socket);
    }

    private static async Task<bool> AcceptsAsync(string socketPath)
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs ssh-add (or another OpenSSH tool) against this agent; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        await using ManagedProcess process = ManagedProcess.Start(program, arguments,
            environment: new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = SocketPath });
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exit, process.Output);
    }

    /// <summary>ssh-add FILE...; throws with ssh-add's output when it fails.</summary>
    public async Task AddAsync(params string[] keyFiles)
    {
        var (exit, output) = await RunAsync("/usr/bin/ssh-add", keyFiles);
        if (exit != 0) throw new InvalidOperationException($"ssh-add {string.Join(' ', keyFiles)} failed ({exit}): {output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}
