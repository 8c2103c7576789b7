using Vty.Drivers;
using Vty.Lab.Protocols;
using Vty.Protocols;

namespace Vty.Tests.Protocols;

public sealed class ProtocolFactoryTests
{
    [Theory]
    [InlineData("ssh://r1", typeof(SshProtocol), 22)]
    [InlineData("ssh2://r1:2200", typeof(SshProtocol), 2200)]
    [InlineData("telnet://r1", typeof(TelnetProtocol), 23)]
    [InlineData("r1", typeof(TelnetProtocol), 23)]
    [InlineData("dummy://ios", typeof(DummyProtocol), null)]
    public void CreatePicksTheTransportByScheme(string url, Type type, int? port)
    {
        var protocol = Protocol.Create(url);
        Assert.IsType(type, protocol);
        Assert.Equal(port, protocol.Url?.Port);
        Assert.False(protocol.IsConnected);
        Assert.Null(protocol.Host);
    }

    [Fact]
    public void A_package_can_register_its_own_scheme()
    {
        ProtocolRegistry.Register("factory-test", options => new TelnetProtocol(options));

        Protocol protocol = Protocol.Create("factory-test://r9:2323");

        Assert.IsType<TelnetProtocol>(protocol);
        Assert.Equal(2323, protocol.Url?.Port);
        Assert.Contains("factory-test", ProtocolRegistry.Schemes);
        Assert.Throws<ArgumentException>(() => ProtocolRegistry.Register("ssh", options => new TelnetProtocol(options)));
        Assert.Throws<ArgumentException>(() => ProtocolRegistry.Register("9bad", options => new TelnetProtocol(options)));
    }

    [Fact]
    public void The_message_for_an_unregistered_dummy_scheme_says_which_package_brings_it()
    {
        string message = ProtocolRegistry.UnknownSchemeMessage("dummy");

        Assert.Contains("Vty.Lab", message, StringComparison.Ordinal);
        Assert.Contains("LabSchemes.Register()", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSchemeIsRejected()
    {
        var ex = Assert.Throws<HostUrlFormatException>(() => Protocol.Create("ftp://r1"));
        Assert.Contains("ssh://", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DriverOptionIsResolvedUpFront()
    {
        Assert.Equal("junos", new TelnetProtocol(new ProtocolOptions { Driver = "junos" }).Driver.Name);
        Assert.Equal("ios", Protocol.Create("telnet://r1?driver=ios").Driver.Name);
        Assert.Throws<UnknownDriverException>(() => new TelnetProtocol(new ProtocolOptions { Driver = "no-such-driver" }));
        Assert.Equal("generic", new TelnetProtocol().Driver.Name);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelnetProtocol(new ProtocolOptions { CommandTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelnetProtocol(new ProtocolOptions { MaxOutput = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelnetProtocol(new ProtocolOptions { TerminalColumns = 0 }));
        _ = new TelnetProtocol(new ProtocolOptions { CommandTimeout = Timeout.InfiniteTimeSpan });
    }

    [Fact]
    public async Task UsingASessionBeforeConnectingSaysWhatToDo()
    {
        await using var protocol = new TelnetProtocol();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => protocol.SendAsync("x"));
        Assert.Contains("ConnectAsync", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => protocol.LoginAsync(new Vty.Accounts.Account("a", "b")));
    }

    [Fact]
    public async Task AFailedConnectMayBeRetried()
    {
        await using var protocol = new TelnetProtocol(new ProtocolOptions { ConnectTimeout = TimeSpan.FromSeconds(5) });
        int port = Vty.TestSupport.FreePort.Next();
        await Assert.ThrowsAsync<ConnectionFailedException>(() => protocol.ConnectAsync("127.0.0.1", port));
        Assert.Null(protocol.Host);
        await Assert.ThrowsAsync<ConnectionFailedException>(() => protocol.ConnectAsync("127.0.0.1", port));
    }
}
