using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using Vty.Nats.Errors;

namespace Vty.Nats.Connection;

/// <summary>One connection to NATS with its JetStream, key-value and object-store contexts.</summary>
public sealed class NatsSession : IAsyncDisposable
{
    private NatsSession(NatsConnection connection, string url)
    {
        Connection = connection;
        Url = url;
        JetStream = new NatsJSContext(connection);
        KeyValue = new NatsKVContext(JetStream);
        Objects = new NatsObjContext(JetStream);
        connection.ConnectionDisconnected += (_, _) =>
        {
            CancellationTokenSource lost = Interlocked.Exchange(ref _connection, new CancellationTokenSource());
            // Not disposed: a reader may be taking its token right now; it holds no timer.
            lost.Cancel();
            return ValueTask.CompletedTask;
        };
    }

    private CancellationTokenSource _connection = new();

    /// <summary>
    /// Cancelled when the current connection to the server is lost. Long waits on the server's state
    /// (a consumer's pull) link it in: a restarted server may have forgotten that state, so they
    /// start over instead of waiting on something that no longer exists.
    /// </summary>
    public CancellationToken ConnectionLost => _connection.Token;

    /// <summary>The core connection (reconnects by itself).</summary>
    public NatsConnection Connection { get; }

    /// <summary>The server URL (for messages).</summary>
    public string Url { get; }

    /// <summary>JetStream.</summary>
    public NatsJSContext JetStream { get; }

    /// <summary>Key-value buckets.</summary>
    public NatsKVContext KeyValue { get; }

    /// <summary>Object stores.</summary>
    public NatsObjContext Objects { get; }

    /// <summary>Largest message the server takes (results above it go to the object store).</summary>
    public int MaxPayload => Connection.ServerInfo?.MaxPayload is int max and > 0 ? max : 1024 * 1024;

    /// <summary>
    /// Stores bytes in the runs object store, in chunks the server takes in one message (its
    /// max_payload may be below the client's default chunk of 128 KiB).
    /// </summary>
    public async Task PutObjectAsync(string name, byte[] value, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        int chunk = Math.Clamp(MaxPayload - 8 * 1024, 1024, 128 * 1024);
        await NatsRetry.RunAsync(async ct =>
        {
            var store = await Objects.GetObjectStoreAsync(Topology.NatsNames.RunsBucket, ct).ConfigureAwait(false);
            using var stream = new MemoryStream(value, writable: false);
            await store.PutAsync(new NATS.Client.ObjectStore.Models.ObjectMetadata { Name = name, Options = new NATS.Client.ObjectStore.Models.MetaDataOptions { MaxChunkSize = chunk } }, stream, leaveOpen: false, ct).ConfigureAwait(false);
        }, giveUpAfter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects and checks that the server runs JetStream.</summary>
    /// <exception cref="NatsRunException">The server cannot be reached, refuses us, or has no JetStream.</exception>
    public static async Task<NatsSession> ConnectAsync(NatsConnectionSettings settings, CancellationToken cancellationToken)
    {
        NatsOpts options = settings.ToOptions();
        var connection = new NatsConnection(options);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(settings.Timeout + settings.Timeout, cancellationToken).ConfigureAwait(false);
            if (connection.ServerInfo is { JetStreamAvailable: false })
                throw new NatsRunException($"the NATS server at {settings.Url} runs without JetStream; start it with -js (or jetstream {{}} in its configuration)");
            return new NatsSession(connection, settings.Url);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new NatsRunException($"cannot connect to NATS at {settings.Url}: {e.Message}; check the URL, that nats-server runs, and the TLS/credential options", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
