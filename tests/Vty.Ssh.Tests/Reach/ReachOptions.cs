using System.Collections.Concurrent;
using Vty.Ssh.Keys;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Reach;

/// <summary>Client options for one hop of a chain, each with its own credentials and a host key check that records whom it was asked about.</summary>
internal static class ReachOptions
{
    public static SshClientOptions Password(int port, TempDirectory dir, ConcurrentQueue<string>? checkedHosts = null) =>
        WithCheck(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SshTestUser.Name,
            Password = SshTestUser.Password,
            KnownHostsPath = dir.File($"known_hosts_{port}"),
            ConnectTimeout = TimeSpan.FromSeconds(20),
        }, checkedHosts);

    public static async Task<SshClientOptions> KeyAsync(int port, TempDirectory dir, ConcurrentQueue<string>? checkedHosts = null, string key = "ed25519") =>
        WithCheck(new SshClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SshTestUser.Name,
            PrivateKeys = [SshPrivateKey.FromFile(await SshTestKeys.GetAsync(key))],
            KnownHostsPath = dir.File($"known_hosts_{port}"),
            ConnectTimeout = TimeSpan.FromSeconds(20),
        }, checkedHosts);

    private static SshClientOptions WithCheck(SshClientOptions options, ConcurrentQueue<string>? checkedHosts)
    {
        if (checkedHosts == null) return options;
        options.HostKeyPolicy = HostKeyPolicy.Callback;
        options.HostKeyCallback = (check, _) =>
        {
            checkedHosts.Enqueue($"{check.Host}:{check.Port}");
            return ValueTask.FromResult(true);
        };
        return options;
    }
}
