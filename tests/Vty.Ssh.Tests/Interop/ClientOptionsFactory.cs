using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Interop;

/// <summary>Client options for the test servers: test user, password, a throwaway known_hosts.</summary>
internal static class ClientOptionsFactory
{
    public static SshClientOptions ForPassword(int port, TempDirectory dir) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SshTestUser.Name,
        Password = SshTestUser.Password,
        KnownHostsPath = dir.File("known_hosts"),
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };
}
