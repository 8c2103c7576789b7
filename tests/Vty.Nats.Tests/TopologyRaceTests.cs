using Vty.Nats.Connection;
using Vty.Nats.Tests.Support;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Vty.Nats.Topology;

namespace Vty.Nats.Tests;

/// <summary>
/// Workers and submitters that start together all find the streams and buckets missing and all
/// create them; whoever loses the race adopts what the winner made instead of failing the run.
/// </summary>
public sealed class TopologyRaceTests
{
    [Fact]
    public async Task Many_parties_setting_up_a_fresh_server_at_once_all_succeed()
    {
        for (int round = 0; round < 3; round++)
        {
            await using NatsServer nats = await NatsServer.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var settings = new NatsConnectionSettings { Url = nats.Url };
            var sessions = new List<NatsSession>();
            try
            {
                for (int i = 0; i < 8; i++) sessions.Add(await NatsSession.ConnectAsync(settings, timeout.Token));
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Task[] setups = sessions.Select(async session =>
                {
                    await start.Task;
                    await NatsTopology.EnsureAsync(session, resultsTtl: null, TimeSpan.FromSeconds(30), timeout.Token);
                }).ToArray();
                start.SetResult();
                await Task.WhenAll(setups);
                // What they made together is usable: each stream and bucket is there once.
                Assert.NotNull(await sessions[0].JetStream.GetStreamAsync(NatsNames.JobsStream, cancellationToken: timeout.Token));
                Assert.NotNull(await sessions[0].JetStream.GetStreamAsync(NatsNames.ResultsStream, cancellationToken: timeout.Token));
                Assert.NotNull(await sessions[0].KeyValue.GetStoreAsync(NatsNames.WorkersBucket, timeout.Token));
                Assert.NotNull(await sessions[0].Objects.GetObjectStoreAsync(NatsNames.RunsBucket, timeout.Token));
            }
            finally
            {
                foreach (NatsSession session in sessions) await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_create_that_lost_to_another_party_adopts_what_that_party_made()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using NatsSession session = await NatsSession.ConnectAsync(new NatsConnectionSettings { Url = nats.Url }, timeout.Token);
        // The other party's stream, made a moment earlier with another lifetime: our create is refused (10058).
        await session.JetStream.CreateStreamAsync(new StreamConfig("RACED", ["raced.>"]) { MaxAge = TimeSpan.FromHours(1) }, timeout.Token);
        var refused = await Assert.ThrowsAsync<NatsJSApiException>(() =>
            session.JetStream.CreateStreamAsync(new StreamConfig("RACED", ["raced.>"]) { MaxAge = TimeSpan.FromHours(2) }, timeout.Token).AsTask());
        Assert.Equal(10058, refused.Error.ErrCode);

        await NatsTopology.CreateUnlessRacedAsync(
            () => session.JetStream.CreateStreamAsync(new StreamConfig("RACED", ["raced.>"]) { MaxAge = TimeSpan.FromHours(2) }, timeout.Token).AsTask(),
            () => session.JetStream.GetStreamAsync("RACED", cancellationToken: timeout.Token).AsTask());
        INatsJSStream kept = await session.JetStream.GetStreamAsync("RACED", cancellationToken: timeout.Token);
        Assert.Equal(TimeSpan.FromHours(1), kept.Info.Config.MaxAge);
    }

    [Fact]
    public async Task A_refused_create_with_nothing_to_adopt_keeps_the_servers_error()
    {
        await using NatsServer nats = await NatsServer.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using NatsSession session = await NatsSession.ConnectAsync(new NatsConnectionSettings { Url = nats.Url }, timeout.Token);
        // An operator's own stream already holds the jobs' subjects under another name (10065).
        await session.JetStream.CreateStreamAsync(new StreamConfig("SOMEONE_ELSES", ["vty.jobs.>"]), timeout.Token);

        var error = await Assert.ThrowsAsync<NatsJSApiException>(() => NatsTopology.CreateUnlessRacedAsync(
            () => session.JetStream.CreateStreamAsync(new StreamConfig(NatsNames.JobsStream, ["vty.jobs.>"]), timeout.Token).AsTask(),
            () => session.JetStream.GetStreamAsync(NatsNames.JobsStream, cancellationToken: timeout.Token).AsTask()));
        Assert.Equal(10065, error.Error.ErrCode);
        var setup = await Assert.ThrowsAsync<Vty.Nats.Errors.NatsRunException>(() =>
            NatsTopology.EnsureAsync(session, resultsTtl: null, TimeSpan.FromSeconds(30), timeout.Token));
        Assert.Contains("subjects overlap", setup.Message);
    }
}
