using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Vty.Nats.Tests.Support;

/// <summary>Reads every message still stored in a JetStream stream, by sequence, to inspect what crossed NATS.</summary>
internal static class NatsStreamDump
{
    public sealed record Stored(string Subject, byte[] Data, string Headers);

    public static async Task<List<Stored>> ReadAllAsync(string url, string stream)
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = url });
        var js = new NatsJSContext(connection);
        INatsJSStream info;
        try
        {
            info = await js.GetStreamAsync(stream);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return [];
        }
        var messages = new List<Stored>();
        for (ulong seq = info.Info.State.FirstSeq; seq <= info.Info.State.LastSeq && info.Info.State.Messages > 0; seq++)
        {
            try
            {
                StreamMsgGetResponse got = await info.GetAsync(new StreamMsgGetRequest { Seq = seq });
                messages.Add(new Stored(got.Message.Subject, got.Message.Data.ToArray(), got.Message.Hdrs ?? ""));
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                // Deleted (an acknowledged job of the work queue).
            }
        }
        return messages;
    }

    public static async Task<List<string>> StreamNamesAsync(string url)
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = url });
        var js = new NatsJSContext(connection);
        var names = new List<string>();
        await foreach (string name in js.ListStreamNamesAsync())
            names.Add(name);
        return names;
    }
}
