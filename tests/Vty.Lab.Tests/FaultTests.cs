namespace Vty.Lab.Tests;

public class FaultTests
{
    [Fact]
    public async Task RejectLoginRefusesEvenTheRightCredentials()
    {
        await using TestTerminal t = TestTerminal.Start("ios", new LabDeviceOptions { Fault = LabFault.RejectLogin });
        for (int i = 0; i < 3; i++)
        {
            await t.ExpectAsync("Username: ");
            await t.SendAsync("lab\r");
            await t.ExpectAsync("Password: ");
            await t.SendAsync("lab\r");
            await t.ExpectAsync("% Login invalid");
        }
        await t.ReadToEndAsync();
        Assert.DoesNotContain("Router>", t.All);
    }

    [Fact]
    public async Task DropAfterLoginClosesTheStream()
    {
        await using TestTerminal t = TestTerminal.Start("junos", new LabDeviceOptions { Fault = LabFault.DropAfterLogin });
        await t.ExpectAsync("login: ");
        await t.SendAsync("lab\r");
        await t.ExpectAsync("Password:");
        await t.SendAsync("lab\r");
        string rest = await t.ReadToEndAsync();
        Assert.DoesNotContain("lab@router>", rest);
    }

    [Fact]
    public async Task HangAfterLoginShowsThePromptThenNeverAnswers()
    {
        await using TestTerminal t = await Lab.OpenAsync("ios", "Router>", new LabDeviceOptions { Fault = LabFault.HangAfterLogin });
        await t.SendAsync("show version\r");
        Assert.True(await t.StaysSilentAsync(TimeSpan.FromMilliseconds(300)));
        Assert.False(t.Session.IsCompleted);
    }

    [Fact]
    public async Task HangBeforeBannerSendsNothing()
    {
        await using TestTerminal t = TestTerminal.Start("eos", new LabDeviceOptions { Fault = LabFault.HangBeforeBanner });
        await t.SendAsync("\r");
        Assert.True(await t.StaysSilentAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal("", t.All);
    }

    [Fact]
    public async Task CancellingEndsAHungSession()
    {
        var device = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Fault = LabFault.HangBeforeBanner });
        (Stream client, Stream deviceSide) = InMemoryDuplex.CreatePair();
        using var cts = new CancellationTokenSource();
        Task<int> session = device.RunSessionAsync(deviceSide, new LabSessionStart(), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await client.ReadAsync(new byte[4]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));   // the device end was closed
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ExecOnAFaultyDeviceFailsOrHangsUntilCancelled()
    {
        var drop = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Fault = LabFault.DropAfterLogin });
        await Assert.ThrowsAsync<IOException>(() => drop.ExecAsync("show version", CancellationToken.None));
        var hang = new EmulatedDevice(DeviceProfiles.Get("ios"), new LabDeviceOptions { Fault = LabFault.HangAfterLogin });
        using var cts = new CancellationTokenSource();
        Task<LabExecResult> exec = hang.ExecAsync("show version", cts.Token);
        Assert.False(exec.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exec.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
