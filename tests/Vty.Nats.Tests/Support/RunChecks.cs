using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vty.Nats.Contracts;
using Vty.TestSupport;

namespace Vty.Nats.Tests.Support;

/// <summary>What the distributed-run tests share: waiting for workers and submitters, reading what a run wrote and stored.</summary>
internal static class RunChecks
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Hosts a worker reported ok in its log.</summary>
    public static int OkLines(ManagedProcess worker) =>
        worker.StandardError.Split('\n').Count(l => l.EndsWith(": ok", StringComparison.Ordinal));

    public static Task WaitReadyAsync(params ManagedProcess[] workers) =>
        Vty.WaitForAsync(() => workers.All(w => w.StandardError.Contains("taking jobs", StringComparison.Ordinal) || w.HasExited), TimeSpan.FromSeconds(60), "the workers to start")
            .ContinueWith(t =>
            {
                t.GetAwaiter().GetResult();
                foreach (ManagedProcess w in workers)
                    Assert.False(w.HasExited, w.Output);
            }, TaskScheduler.Default);

    public static async Task<int> WaitExitAsync(ManagedProcess process, params ManagedProcess[] others)
    {
        try
        {
            return await process.WaitForExitAsync(RunTimeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no exit within {RunTimeout.TotalMinutes} min:\n{process.Output}\n{string.Join("\n---\n", others.Select(o => o.Output))}");
        }
    }

    /// <summary>The results.jsonl a submitter writes as each host finishes, complete lines only.</summary>
    public static List<JsonElement> ResultsFile(string outputFolder)
    {
        string path = Path.Combine(outputFolder, "results.jsonl");
        if (!File.Exists(path))
            return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        // A line being written is complete only once its newline is there.
        return Vty.JsonLines(text[..(text.LastIndexOf('\n') + 1)]);
    }

    public static async Task<List<HostResultMessage>> StoredResultsAsync(NatsServer nats, string runId) =>
        [.. (await NatsStreamDump.ReadAllAsync(nats.Url, "VTY_RESULTS"))
            .Where(m => m.Subject.StartsWith($"vty.results.{runId}.", StringComparison.Ordinal))
            .Select(m => NatsJson.Deserialize<HostResultMessage>(m.Data))];

    /// <summary>Jobs of the default zone handed to a worker and not yet acknowledged.</summary>
    public static async Task<long> AckPendingAsync(NatsServer nats)
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        var js = new NatsJSContext(connection);
        INatsJSConsumer consumer = await js.GetConsumerAsync("VTY_JOBS", "vty-zone-default");
        return consumer.Info.NumAckPending;
    }

    /// <summary>
    /// Reads every stream on the server (jobs, results and claims, the presence and object buckets);
    /// none of <paramref name="secrets"/> may be in a message or its headers. Returns all the text read.
    /// </summary>
    public static async Task<string> AssertNoSecretAsync(NatsServer nats, params string[] secrets)
    {
        List<string> streams = await NatsStreamDump.StreamNamesAsync(nats.Url);
        Assert.Contains("VTY_RESULTS", streams);
        Assert.Contains("OBJ_vty-runs", streams);
        var all = new StringBuilder();
        foreach (string stream in streams)
        {
            foreach (NatsStreamDump.Stored message in await NatsStreamDump.ReadAllAsync(nats.Url, stream))
            {
                string text = Encoding.UTF8.GetString(message.Data);
                all.Append(text).Append('\n');
                foreach (string secret in secrets)
                {
                    Assert.DoesNotContain(secret, text);
                    Assert.DoesNotContain(secret, message.Headers);
                }
            }
        }
        Assert.True(all.Length > 0);
        return all.ToString();
    }
}
