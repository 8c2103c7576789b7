using System.Diagnostics;
using System.Globalization;
using System.Net;
using Vty.Ssh;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Server;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Server.HostKeys;

namespace Vty.Bench.Ssh;

/// <summary>
/// <c>ssh-kex-cpu [handshakes]</c>: CPU cost of the post-quantum hybrid key exchanges against
/// curve25519-sha256. For each method: full handshakes (TCP, kex, ed25519 host key, password auth,
/// close) of our client against our server in one process, one at a time, and the key agreement
/// math alone for both roles; prints CPU per operation and the ratio to curve25519-sha256.
/// </summary>
public static class KexCpuBench
{
    private const string User = "bench";
    private const string Password = "bench-pw";
    private static readonly string[] Methods = ["curve25519-sha256", "mlkem768x25519-sha256", "sntrup761x25519-sha512"];

    public static async Task<int> RunAsync(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        await using var server = new SshServer(new SshServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            HostKeys = SshHostKeyStore.GenerateEphemeral(["ssh-ed25519"]).ToList(),
            Authentication = SshServerAuthentication.SinglePassword(User, Password),
            SessionHandler = (_, _) => Task.FromResult(0),
        });
        server.Start();

        var handshake = new Dictionary<string, double>();
        var math = new Dictionary<string, double>();
        foreach (string kex in Methods)
        {
            // Warm-up of every method first, so tiered JIT work does not land on whichever is measured first.
            await HandshakesAsync(server.Port, kex, Math.Max(10, count / 5));
            Agreements(kex, Math.Max(10, count / 5));
        }
        foreach (string kex in Methods)
        {
            handshake[kex] = await MeasureAsync(count, () => HandshakesAsync(server.Port, kex, count));
            math[kex] = await MeasureAsync(count, () => { Agreements(kex, count); return Task.CompletedTask; });
        }
        Console.WriteLine($"| method | handshake CPU, client+server (ms) | ratio | key agreement math, both roles (ms) | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (string kex in Methods)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kex} | {handshake[kex]:0.00} | {handshake[kex] / handshake[Methods[0]]:0.00} | {math[kex]:0.00} | {math[kex] / math[Methods[0]]:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({count} operations each, sequential, {Environment.ProcessorCount} cores)"));
        return 0;
    }

    /// <summary>Process CPU milliseconds per operation while <paramref name="work"/> runs.</summary>
    private static async Task<double> MeasureAsync(int count, Func<Task> work)
    {
        TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
        await work();
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / count;
    }

    private static async Task HandshakesAsync(int port, string kex, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await using SshClient client = await SshClient.ConnectAsync(new SshClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                Username = User,
                Password = Password,
                HostKeyPolicy = HostKeyPolicy.Off,
                KexAlgorithms = [kex],
                HostKeyAlgorithms = ["ssh-ed25519"],
                ConnectTimeout = TimeSpan.FromSeconds(60),
            }, CancellationToken.None);
        }
    }

    private static void Agreements(string kex, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using IKeyAgreement client = KeyExchangeMath.Create(kex);
            using IKeyAgreement server = KeyExchangeMath.CreateResponder(kex);
            server.ComputeSharedSecret(client.PublicValue);
            client.ComputeSharedSecret(server.PublicValue);
        }
    }
}
