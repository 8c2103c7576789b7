using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Vty.Lab.Serving;
using Vty.Ssh;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.Channels;
using Vty.Ssh.Server.HostKeys;
using Vty.Telnet;
using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// <c>vty shell</c> as a person uses it: the built vty runs on a real pseudo-terminal made by
/// util-linux <c>script</c>, against our SSH server playing a CLI that echoes, completes on Tab,
/// answers <c>?</c> and records every byte and every window size it is told (SSH window-change,
/// and over Telnet NAWS after the device's own login dialog). Typed characters
/// appear once (the device's echo only), Tab and <c>?</c> reach the device, a resize of the pty
/// reaches the server as a window-change, and Ctrl-] leaves with the terminal settings as they were.
/// </summary>
public sealed class ShellOnAPtyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ssh")]
    [InlineData("telnet")]
    public async Task KeysReachTheDeviceRawTheWindowSizeFollowsAndCtrlBracketRestoresTheTerminal(string transport)
    {
        using var work = new TempDirectory("vty-shell-pty");
        var device = new RecordingCli();
        await using SshServer ssh = StartServer(device);
        await using TelnetServer telnet = StartTelnetServer(device);
        string url = transport == "ssh" ? $"ssh://lab@127.0.0.1:{ssh.Port}" : $"telnet://lab@127.0.0.1:{telnet.Port}";
        string trigger = work.File("resize-now");
        await using var pty = PtyShell.Start(work,
            $"(while [ ! -e '{trigger}' ]; do sleep 0.05; done; stty cols 132 rows 43 < /dev/tty) & " +
            $"'{VtyProcess.Path}' shell --driver generic {url}");

        // The Enter vty sends once the terminal is raw (the generic driver sends nothing before):
        // from here on keys go through unchanged. The pty's real size replaces the pty-req's default.
        await device.WaitForAsync(d => d.Received.Contains('\r'), "the Enter after entering raw mode", pty);
        await device.WaitForAsync(d => d.Sizes.Contains((80, 24)), "the terminal's size 80x24", pty);

        await pty.TypeAsync("sh\t");
        await device.WaitForAsync(d => d.Received.Contains("sh\t"), "Tab", pty);
        await pty.TypeAsync("?");
        await device.WaitForAsync(d => d.Received.EndsWith('?'), "'?'", pty);
        await pty.WaitForScreenAsync("show   Show running system information");
        await pty.TypeAsync("clock-zz91\r");
        await device.WaitForAsync(d => d.Received.EndsWith("clock-zz91\r", StringComparison.Ordinal), "the command line", pty);
        await pty.WaitForScreenAsync("% Invalid input");

        File.WriteAllText(trigger, "go");
        await device.WaitForAsync(d => d.Sizes.Contains((132, 43)), "the window-change to 132x43", pty);

        await pty.TypeAsync("\x1d");
        string text = await pty.WaitForExitAsync();
        Assert.Contains("vty-exit=0", text);
        Assert.Contains("vty: left", text);
        // Echo once: the device's echo only (the pty's own echo is off while raw).
        Assert.Equal(1, Count(text, "clock-zz91"));
        Assert.DoesNotContain('\x1d', device.Received);
        Assert.Equal(pty.SettingsBefore, pty.SettingsAfter);
    }

    [Fact]
    public async Task ALabDeviceOverSshEchoesOnceAndCtrlBracketRestoresTheTerminal()
    {
        using var work = new TempDirectory("vty-shell-pty");
        await using LabHost lab = await LabHost.StartAsync(new LabHostOptions
        {
            Devices = 1,
            Profiles = ["ios"],
            Telnet = false,
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
        });
        LabHostDevice ios = lab.Devices[0];
        await using var pty = PtyShell.Start(work, $"'{VtyProcess.Path}' shell --enable ssh://lab@127.0.0.1:{ios.SshPort}");

        await pty.WaitForScreenAsync("Ctrl-] leaves");
        await pty.WaitForScreenAsync("#"); // the privileged prompt, after the line above
        await pty.TypeAsync("show clock\r");
        await pty.WaitForScreenAsync(" UTC ");
        await pty.TypeAsync("\x1d");
        string text = await pty.WaitForExitAsync();

        Assert.Contains("vty-exit=0", text);
        Assert.Equal(1, Count(text, "show clock"));
        Assert.Equal(pty.SettingsBefore, pty.SettingsAfter);
    }

    [Fact]
    public async Task SigtermInRawModeEndsTheShellAndRestoresTheTerminal()
    {
        using var work = new TempDirectory("vty-shell-pty");
        var device = new RecordingCli();
        await using SshServer server = StartServer(device);
        string pidFile = work.File("vty.pid");
        // Started in the background (its pid is wanted) but reading the pty: sh would give it /dev/null.
        await using var pty = PtyShell.Start(work,
            $"'{VtyProcess.Path}' shell --driver generic ssh://lab@127.0.0.1:{server.Port} < /dev/tty & echo $! > '{pidFile}'; wait $!");

        await device.WaitForAsync(d => d.Received.Contains('\r'), "the Enter after entering raw mode", pty);
        using (Process kill = Process.Start("kill", ["-TERM", File.ReadAllText(pidFile).Trim()]))
            await kill.WaitForExitAsync();

        string text = await pty.WaitForExitAsync();
        Assert.Contains("vty-exit=", text);
        Assert.DoesNotContain("vty-exit=0", text); // ended by the signal, not by Ctrl-]
        Assert.Equal(pty.SettingsBefore, pty.SettingsAfter);
    }

    private static TelnetServer StartTelnetServer(RecordingCli device)
    {
        var server = new TelnetServer(new IPEndPoint(IPAddress.Loopback, 0), device.RunTelnetAsync, new TelnetServerOptions { NegotiationTimeout = TimeSpan.Zero });
        server.Start();
        return server;
    }

    private static SshServer StartServer(RecordingCli device)
    {
        var server = new SshServer(new SshServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            Authentication = new SshServerAuthentication
            {
                Password = (request, _) => ValueTask.FromResult(request.User == "lab" && request.Password == "lab" ? SshAuthDecision.Success : SshAuthDecision.Failure),
            },
            SessionHandler = device.RunAsync,
        });
        server.Start();
        return server;
    }

    private static int Count(string text, string what)
    {
        int count = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>A small IOS-style CLI: echoes, completes "sh" on Tab, lists commands on '?', records what it got.</summary>
    private sealed class RecordingCli
    {
        private readonly StringBuilder _received = new();

        public string Received
        {
            get
            {
                lock (_received)
                    return _received.ToString();
            }
        }

        public ConcurrentQueue<(int Columns, int Rows)> Sizes { get; } = new();

        public async Task WaitForAsync(Func<RecordingCli, bool> condition, string what, PtyShell pty)
        {
            var deadline = DateTime.UtcNow + Limit;
            while (!condition(this))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the device never saw {what}; it received {Received.Replace("\r", "\\r", StringComparison.Ordinal)}; the terminal shows:\n{pty.Screen}");
                await Task.Delay(20);
            }
        }

        public async Task<int> RunAsync(SshServerSessionChannel session, CancellationToken ct)
        {
            if (session.Kind != SshSessionKind.Shell)
                return 1;
            Sizes.Enqueue((session.Columns, session.Rows));
            session.WindowChanged += (columns, rows) => Sizes.Enqueue((columns, rows));
            await RunCliAsync(session.Stream, ct);
            return 0;
        }

        /// <summary>Over Telnet the device asks for the login itself; the size comes by NAWS.</summary>
        public async Task RunTelnetAsync(TelnetServerConnection connection, CancellationToken ct)
        {
            Stream io = connection.Stream;
            await WriteAsync(io, "\r\nlogin: ", ct);
            string? user = await ReadLineAsync(io, ct);
            await WriteAsync(io, (user ?? "") + "\r\nPassword: ", ct);
            string? password = await ReadLineAsync(io, ct);
            if (user != "lab" || password != "lab")
            {
                await WriteAsync(io, "\r\nLogin incorrect\r\n", ct);
                return;
            }

            connection.LoginSucceeded();
            if (connection.WindowSize is { } size)
                Sizes.Enqueue(size);
            connection.WindowSizeChanged += (columns, rows) => Sizes.Enqueue((columns, rows));
            await RunCliAsync(io, ct);
        }

        private static async Task<string?> ReadLineAsync(Stream io, CancellationToken ct)
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (await io.ReadAsync(one, ct) > 0)
            {
                if (one[0] is (byte)'\r' or (byte)'\n')
                {
                    if (line.Length > 0)
                        return line.ToString();
                    continue; // the rest of the previous line end
                }

                if (one[0] != 0)
                    line.Append((char)one[0]);
            }

            return null;
        }

        private async Task RunCliAsync(Stream io, CancellationToken ct)
        {
            var line = new StringBuilder();
            await WriteAsync(io, "\r\nrec1#", ct);
            var buffer = new byte[256];
            int n;
            while ((n = await io.ReadAsync(buffer, ct)) > 0)
            {
                foreach (byte b in buffer.AsSpan(0, n).ToArray())
                {
                    // A line end's LF or NUL (Telnet's CR NUL) is not a key.
                    if (b is 0 or (byte)'\n')
                        continue;
                    lock (_received)
                        _received.Append((char)b);
                    switch (b)
                    {
                        case (byte)'\t' when line.ToString() == "sh":
                            line.Append("ow ");
                            await WriteAsync(io, "ow ", ct);
                            break;
                        case (byte)'?':
                            await WriteAsync(io, "?\r\n  show   Show running system information\r\n\r\nrec1#" + line, ct);
                            break;
                        case (byte)'\r':
                            string command = line.ToString().Trim();
                            line.Clear();
                            await WriteAsync(io, command.Length == 0 ? "\r\nrec1#" : "\r\n% Invalid input detected at '^' marker.\r\n\r\nrec1#", ct);
                            break;
                        case >= 0x20 and < 0x7f:
                            line.Append((char)b);
                            await WriteAsync(io, ((char)b).ToString(), ct);
                            break;
                    }
                }
            }
        }

        private static async Task WriteAsync(Stream io, string text, CancellationToken ct)
        {
            await io.WriteAsync(Encoding.ASCII.GetBytes(text), ct);
            await io.FlushAsync(ct);
        }
    }

    /// <summary>
    /// util-linux <c>script</c> running <c>sh -c</c> on a new 80x24 pty: the stty settings are saved
    /// before and after the command, and its exit status is printed as <c>vty-exit=N</c>.
    /// </summary>
    private sealed class PtyShell : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _screen = new();
        private readonly Task _reader;
        private readonly string _before;
        private readonly string _after;

        private PtyShell(Process process, string before, string after)
        {
            _process = process;
            _before = before;
            _after = after;
            _reader = ReadAllAsync();
        }

        public string Screen
        {
            get
            {
                lock (_screen)
                    return _screen.ToString();
            }
        }

        public string SettingsBefore => File.ReadAllText(_before).Trim();

        public string SettingsAfter => File.ReadAllText(_after).Trim();

        public static PtyShell Start(TempDirectory work, string command)
        {
            Assert.True(File.Exists("/usr/bin/script"), "util-linux script is missing (run scripts/install-test-deps.sh)");
            string before = work.File("stty-before");
            string after = work.File("stty-after");
            string inner = $"stty cols 80 rows 24; stty -g > '{before}'; {command}; echo \"vty-exit=$?\"; stty -g > '{after}'";
            var info = new ProcessStartInfo("/usr/bin/script")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // script hands its command to the login shell, so the inner script is quoted for it: $ and " stay literal.
            string quoted = inner.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
            foreach (string argument in (string[])["-q", "-f", "-e", "-c", $"sh -c \"{quoted}\"", "/dev/null"])
                info.ArgumentList.Add(argument);
            info.Environment["HOME"] = work.Path; // known_hosts goes to the throwaway home
            info.Environment["VTY_PASSWORD"] = "lab";
            info.Environment["TERM"] = "xterm";
            info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
            return new PtyShell(Process.Start(info) ?? throw new InvalidOperationException("script did not start"), before, after);
        }

        public async Task TypeAsync(string keys)
        {
            await _process.StandardInput.WriteAsync(keys);
            await _process.StandardInput.FlushAsync();
        }

        public async Task WaitForScreenAsync(string text)
        {
            var deadline = DateTime.UtcNow + Limit;
            while (!Screen.Contains(text, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the terminal never showed '{text}'; it shows:\n{Screen}");
                await Task.Delay(20);
            }
        }

        /// <summary>Waits for the command and the settings check after it; returns the whole screen.</summary>
        public async Task<string> WaitForExitAsync()
        {
            await WaitForScreenAsync("vty-exit=");
            using var exit = new CancellationTokenSource(Limit);
            await _process.WaitForExitAsync(exit.Token);
            await _reader;
            return Screen;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var exit = new CancellationTokenSource(Limit);
                await _process.WaitForExitAsync(exit.Token);
            }

            await _reader.WaitAsync(Limit);
            _process.Dispose();
        }

        private async Task ReadAllAsync()
        {
            var buffer = new char[4096];
            int n;
            while ((n = await _process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_screen)
                    _screen.Append(buffer, 0, n);
            }
        }
    }
}
