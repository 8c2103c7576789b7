using Vty.Protocols;
using Vty.Tests.Support;

namespace Vty.Tests.Protocols;

/// <summary>A <see cref="StreamProtocol"/> whose device side the test plays line by line.</summary>
internal sealed class ScriptedSession : IAsyncDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private ScriptedSession(TestDuplex device, StreamProtocol protocol)
    {
        Device = device;
        Protocol = protocol;
    }

    public TestDuplex Device { get; }

    public StreamProtocol Protocol { get; }

    public static async Task<ScriptedSession> OpenAsync(string driver = "generic", ProtocolOptions? options = null)
    {
        var device = new TestDuplex();
        options ??= new ProtocolOptions();
        options.Driver = driver;
        if (options.BannerTimeout == TimeSpan.FromSeconds(20))
            options.BannerTimeout = TimeSpan.FromSeconds(5);
        if (options.CommandTimeout == TimeSpan.FromSeconds(30))
            options.CommandTimeout = TimeSpan.FromSeconds(5);
        var protocol = new StreamProtocol(device.Client, options);
        await protocol.OpenAsync("scripted").WaitAsync(Limit);
        return new ScriptedSession(device, protocol);
    }

    public Task SayAsync(string text) => Device.DeviceWriteAsync(text);

    public Task<string> HearAsync(string text) => Device.WaitForSentAsync(text);

    public async ValueTask DisposeAsync() => await Protocol.DisposeAsync();
}
