using Vty.Ssh.Tests.Server.Support;

namespace Vty.Ssh.Tests.Server.Interop;

/// <summary>One server with legacy algorithms enabled, shared by the OpenSSH interop tests of a class.</summary>
public sealed class OpenSshServerFixture : IAsyncLifetime
{
    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        OpenSshClient.EnsureInstalled(needSshPass: true);
        Server = await TestServer.StartAsync(o => o.Legacy = true);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
