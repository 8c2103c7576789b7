using System.CommandLine;
using System.Net;
using Vty.Cli.Ssh;
using Vty.Ssh;
using Vty.Ssh.Config;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty exec [options] DESTINATION -- COMMAND...</c>: runs one command like <c>ssh host command</c>
/// (DESTINATION is [user@]host, an ssh_config alias or ssh://user@host:port), with ssh's flags
/// -F -J -i -l -p -o -A -L -R -D -N -T -t, and the global -v. Remote stdout and stderr pass through byte for byte, stdin is forwarded
/// when redirected, the exit status is the remote one, and connection, authentication or host key
/// failures print one line and exit 255.
/// </summary>
internal static class ExecCommand
{
    /// <summary>Exit status for failures before or outside the remote command (as OpenSSH's ssh).</summary>
    public const int FailureExitCode = 255;

    public static Command Create()
    {
        var destination = new Argument<string>("destination") { Description = "[user@]host, an ssh_config alias, or ssh://user@host:port" };
        var remote = new Argument<string[]>("command") { Description = "The remote command and its arguments (after --)", Arity = ArgumentArity.ZeroOrMore };
        var ssh = new SshCommandLineOptions();
        var local = new Option<string[]>("-L") { Description = "Local forward [bind:]port:host:hostport (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var remoteForward = new Option<string[]>("-R") { Description = "Remote forward [bind:]port:host:hostport (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var dynamic = new Option<string[]>("-D") { Description = "SOCKS forward [bind:]port (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var noCommand = new Option<bool>("-N") { Description = "Run no command: only forward, until the connection ends or Ctrl-C." };
        var noTty = new Option<bool>("-T") { Description = "Request no pseudo-terminal (the default for a command)." };
        var tty = new Option<bool>("-t") { Description = "Request a pseudo-terminal for the command (RequestTTY force); its stderr then arrives on stdout." };
        var command = new Command("exec", "Run a command on a host over SSH like ssh; exit status is the remote command's (255 on SSH failure, 2 on usage errors).");
        command.Arguments.Add(destination);
        command.Arguments.Add(remote);
        ssh.AddTo(command);
        foreach (Option option in new Option[] { local, remoteForward, dynamic, noCommand, noTty, tty })
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string target = parse.GetValue(destination)!;
            string[] words = parse.GetValue(remote) ?? [];
            if (target.StartsWith('-'))
            {
                await error.WriteLineAsync($"vty: unknown option '{target}' (see vty exec --help)");
                return UsageExitCode;
            }
            if (parse.GetValue(tty) && parse.GetValue(noTty))
            {
                await error.WriteLineAsync("vty: -t and -T contradict each other; give one");
                return UsageExitCode;
            }
            if (words.Length == 0 && !parse.GetValue(noCommand))
            {
                await error.WriteLineAsync("vty: give a command after the destination (vty exec HOST -- COMMAND), or -N to only forward");
                return UsageExitCode;
            }
            SshConnectionRequest request;
            var forwards = new List<SshForwardSpec>();
            try
            {
                foreach (string spec in parse.GetValue(local) ?? []) forwards.Add(SshForwardSpec.ParseCommandLine(SshForwardKind.Local, spec));
                foreach (string spec in parse.GetValue(remoteForward) ?? []) forwards.Add(SshForwardSpec.ParseCommandLine(SshForwardKind.Remote, spec));
                foreach (string spec in parse.GetValue(dynamic) ?? []) forwards.Add(SshForwardSpec.ParseCommandLine(SshForwardKind.Dynamic, spec));
                request = ssh.Build(parse, target, parse.GetValue(noTty) ? ["RequestTTY=no"] : parse.GetValue(tty) ? ["RequestTTY=force"] : null);
            }
            catch (Exception e) when (e is FormatException or SshException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"vty: {e.Message}");
                return e is FormatException ? UsageExitCode : FailureExitCode;
            }
            // -v (the global verbosity) also says what the ssh_config lookup decided, as ssh -v does.
            if (Telemetry.GlobalOptions.Verbosity(parse) >= 1) await DescribeAsync(request, error);
            forwards.AddRange(request.Config.LocalForwards);
            forwards.AddRange(request.Config.RemoteForwards);
            forwards.AddRange(request.Config.DynamicForwards);
            string? text = words.Length == 0 ? null : string.Join(' ', words);
            Stream? stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
            return await RunAsync(request, forwards, text, stdin, Console.OpenStandardOutput(), Console.OpenStandardError(), error, ct);
        });
        return command;
    }

    /// <summary>Exit status for a command line that cannot be used (unknown flag, bad value).</summary>
    public const int UsageExitCode = 2;

    private static async Task DescribeAsync(SshConnectionRequest request, TextWriter error)
    {
        SshClientOptions o = request.Options;
        await error.WriteLineAsync($"vty: connecting to {o.Username}@{o.Host}:{o.Port}" +
            (o.JumpHosts.Count > 0 ? $" via {string.Join(" -> ", o.JumpHosts.Select(h => $"{h.Username}@{h.Host}:{h.Port}"))}" : "") +
            (o.ProxyCommand is { } proxy ? $" through ProxyCommand {proxy}" : "") +
            $", {o.PrivateKeys.Count} key(s), host keys {o.HostKeyPolicy}");
        if (request.Config.IgnoredOptions.Count > 0)
            await error.WriteLineAsync($"vty: ssh_config options ignored (no effect in Vty): {string.Join(", ", request.Config.IgnoredOptions)}");
    }

    /// <summary>Connects, starts the forwards, then runs the command (or, without one, waits until the connection ends).</summary>
    public static async Task<int> RunAsync(SshConnectionRequest request, IReadOnlyList<SshForwardSpec> forwards, string? remoteCommand,
        Stream? stdin, Stream stdout, Stream stderr, TextWriter error, CancellationToken ct)
    {
        var started = new List<IAsyncDisposable>();
        try
        {
            await using SshClient client = await SshClient.ConnectAsync(request.Options, ct);
            foreach (SshForwardSpec forward in forwards)
                started.Add(await StartForwardAsync(client, forward, error, ct));
            if (remoteCommand is null)
            {
                await client.WaitForDisconnectAsync(ct);
                return 0;
            }
            var environment = request.Config.EnvironmentToSend();
            return await RunCommandAsync(client, remoteCommand, environment.Count > 0 ? environment : null, PtyFor(request.Config),
                stdin, stdout, stderr, error, ct);
        }
        catch (SshException e)
        {
            await error.WriteLineAsync($"vty: {e.Message}");
            return FailureExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (remoteCommand is null) return 0;
            await error.WriteLineAsync("vty: cancelled");
            return 130;
        }
        finally
        {
            foreach (IAsyncDisposable forward in started) await forward.DisposeAsync();
        }
    }

    private static async Task<IAsyncDisposable> StartForwardAsync(SshClient client, SshForwardSpec forward, TextWriter error, CancellationToken ct)
    {
        switch (forward.Kind)
        {
            case SshForwardKind.Local:
                return client.ForwardLocalPort(Listen(forward), forward.TargetHost!, forward.TargetPort!.Value);
            case SshForwardKind.Dynamic:
                return client.ForwardDynamicPort(Listen(forward));
            default:
                if (forward.TargetHost is null)
                    throw new SshForwardingException($"-R {forward.BindPort} without a target (a SOCKS proxy on the server) is not supported; give -R port:host:hostport");
                var remote = await client.ForwardRemotePortAsync(forward.BindAddress ?? "", forward.BindPort, forward.TargetHost, forward.TargetPort!.Value, ct);
                if (forward.BindPort == 0) await error.WriteLineAsync($"vty: allocated port {remote.BoundPort} for remote forward to {forward.TargetHost}:{forward.TargetPort}");
                return remote;
        }
    }

    // As ssh without GatewayPorts: no bind address means loopback only; "*" or "" means every address.
    private static IPEndPoint Listen(SshForwardSpec forward) => forward.BindAddress switch
    {
        null or "localhost" => new IPEndPoint(IPAddress.Loopback, forward.BindPort),
        "" or "*" => new IPEndPoint(IPAddress.Any, forward.BindPort),
        string address when IPAddress.TryParse(address, out IPAddress? ip) => new IPEndPoint(ip, forward.BindPort),
        string address => throw new SshForwardingException($"bind address '{address}' is not an IP address; use an address, localhost or *"),
    };

    // RequestTTY yes/force (-t) asks for a terminal; "auto" and "no" do not for a command, as in ssh.
    // The local terminal is left as it is: lines are sent as typed.
    private static SshPtyOptions? PtyFor(SshResolvedConfig config)
    {
        if (config.RequestTty is not ("yes" or "force")) return null;
        string type = Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term ? term : "xterm";
        (int columns, int rows) = (80, 24);
        if (!Console.IsOutputRedirected)
        {
            try
            {
                (columns, rows) = (Math.Max(1, Console.WindowWidth), Math.Max(1, Console.WindowHeight));
            }
            catch (IOException)
            {
                // No console size to be had: keep 80x24.
            }
        }
        return new SshPtyOptions(type, columns, rows);
    }

    private static async Task<int> RunCommandAsync(SshClient client, string remoteCommand, IReadOnlyDictionary<string, string>? environment,
        SshPtyOptions? pty, Stream? stdin, Stream stdout, Stream stderr, TextWriter error, CancellationToken ct)
    {
        await using SshExecSession session = await client.StartExecAsync(remoteCommand, environment, pty, ct);
        Task input = ForwardInputAsync(stdin, session, ct);
        Task output = CopyAsync(session.StandardOutput, stdout, ct);
        Task errors = CopyAsync(session.StandardError, stderr, ct);
        await Task.WhenAll(output, errors);
        int? status = await session.WaitForExitAsync(ct);
        if (!input.IsCompleted) _ = input.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        if (status is { } code) return code;
        if (session.ExitSignal != null)
            await error.WriteLineAsync($"vty: remote command killed by signal {session.ExitSignal}");
        return FailureExitCode;
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        byte[] buffer = new byte[32 * 1024];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
            await to.FlushAsync(ct);
        }
    }

    private static async Task ForwardInputAsync(Stream? stdin, SshExecSession session, CancellationToken ct)
    {
        if (stdin != null)
        {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = await stdin.ReadAsync(buffer, ct)) > 0)
                await session.StandardInput.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        await session.CloseInputAsync(ct);
    }
}
