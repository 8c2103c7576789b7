using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Vty.Nats.Connection;
using Vty.Nats.Topology;

namespace Vty.Nats.Contracts;

/// <summary>
/// Stores and reads host results: one message per host per run with a deduplication id of run and
/// host, the body in the object store when it is larger than the server takes in one message.
/// </summary>
public sealed class ResultStore(NatsSession session)
{
    // Room for headers and the pointer message itself.
    private const int HeadroomBytes = 16 * 1024;

    /// <summary>Stores a result; true when it was new, false when one was already stored (a duplicate).</summary>
    public async Task<bool> PublishAsync(HostResultMessage message, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        byte[] body = NatsJson.Serialize(message);
        if (body.Length > session.MaxPayload - HeadroomBytes)
        {
            string name = NatsNames.ResultObject(message.RunId, message.Index);
            await session.PutObjectAsync(name, body, giveUpAfter, cancellationToken).ConfigureAwait(false);
            body = NatsJson.Serialize(new HostResultMessage
            {
                RunId = message.RunId, Index = message.Index, HostName = message.HostName, Worker = message.Worker,
                Delivery = message.Delivery, BodyObject = name,
            });
        }
        try
        {
            PubAckResponse ack = await NatsRetry.RunAsync(ct => session.JetStream.PublishAsync(
                    NatsNames.ResultSubject(message.RunId, message.Index), body,
                    opts: new NatsJSPubOpts { MsgId = NatsNames.MessageId("result", message.RunId, message.Index) }, cancellationToken: ct),
                giveUpAfter, cancellationToken).ConfigureAwait(false);
            ack.EnsureSuccess();
            return !ack.Duplicate;
        }
        catch (NatsJSDuplicateMessageException)
        {
            // Stored before (a retry after a lost acknowledgement, or a slower worker): keep the first.
            return false;
        }
    }

    /// <summary>True when a result for this host of this run is already stored.</summary>
    public async Task<bool> ExistsAsync(string runId, int index, CancellationToken cancellationToken) =>
        await LastAsync(NatsNames.ResultSubject(runId, index), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The last claim on a host job, or null.</summary>
    public async Task<ClaimMessage?> LastClaimAsync(string runId, int index, CancellationToken cancellationToken) =>
        await LastAsync(NatsNames.ClaimSubject(runId, index), cancellationToken).ConfigureAwait(false) is { } data
            ? NatsJson.Deserialize<ClaimMessage>(data.Span)
            : null;

    /// <summary>Records a claim on a host job.</summary>
    public Task ClaimAsync(string runId, int index, ClaimMessage claim, TimeSpan giveUpAfter, CancellationToken cancellationToken) =>
        NatsRetry.RunAsync(async ct => (await session.JetStream.PublishAsync(NatsNames.ClaimSubject(runId, index), NatsJson.Serialize(claim), cancellationToken: ct).ConfigureAwait(false)).EnsureSuccess(),
            giveUpAfter, cancellationToken);

    /// <summary>Reads a stored message: a pointer's body comes from the object store.</summary>
    public async Task<HostResultMessage> ReadAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        HostResultMessage message = NatsJson.Deserialize<HostResultMessage>(data.Span);
        if (message.BodyObject is not { } name)
            return message;
        byte[] body = await NatsRetry.RunAsync(async ct =>
        {
            var store = await session.Objects.GetObjectStoreAsync(NatsNames.RunsBucket, ct).ConfigureAwait(false);
            return await store.GetBytesAsync(name, ct).ConfigureAwait(false);
        }, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        return NatsJson.Deserialize<HostResultMessage>(body);
    }

    private async Task<ReadOnlyMemory<byte>?> LastAsync(string subject, CancellationToken cancellationToken)
    {
        try
        {
            return await NatsRetry.RunAsync(async ct =>
            {
                INatsJSStream stream = await session.JetStream.GetStreamAsync(NatsNames.ResultsStream, cancellationToken: ct).ConfigureAwait(false);
                StreamMsgGetResponse got = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, ct).ConfigureAwait(false);
                return (ReadOnlyMemory<byte>?)got.Message.Data;
            }, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return null;
        }
    }
}
