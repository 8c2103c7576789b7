using Vty.TestSupport;

namespace Vty.Ssh.Tests.Fixtures;

/// <summary>The counter the close tests rely on sees throws in its flow and what it starts, and nothing else.</summary>
public sealed class FirstChanceExceptionsTests
{
    [Fact]
    public async Task Throws_in_the_flow_and_its_tasks_are_counted_and_others_are_not()
    {
        using var gate = new SemaphoreSlim(0);
        // Started before the scope: it does not carry it, so its throw is not counted.
        Task outside = Task.Run(async () =>
        {
            await gate.WaitAsync();
            try { throw new InvalidOperationException("outside"); } catch (InvalidOperationException) { }
        });
        using var thrown = FirstChanceExceptions.Count();
        try { throw new TimeoutException("in the flow"); } catch (TimeoutException) { }
        await Task.Run(() =>
        {
            try { throw new IOException("Connection reset by peer"); } catch (IOException) { }
        });
        gate.Release();
        await outside;
        thrown.Dispose();
        try { throw new ArgumentException("after the scope"); } catch (ArgumentException) { }

        Assert.Equal(2, thrown.Total);
        Assert.Equal(1, thrown.ExceptPeerRaces);
        Assert.Equal(1, thrown.PeerRaces);
        Assert.Contains("TimeoutException (in the flow)", thrown.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("outside", thrown.Describe(), StringComparison.Ordinal);
    }
}
