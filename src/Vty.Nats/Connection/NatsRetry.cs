using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Vty.Nats.Connection;

/// <summary>
/// Repeats a JetStream call that failed because the server was away (restart, network), until it
/// works, the give-up time passes, or the caller cancels. API errors (a real "no") are not retried.
/// </summary>
public static class NatsRetry
{
    /// <summary>Runs <paramref name="call"/>, retrying while NATS is unreachable for at most <paramref name="giveUpAfter"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + giveUpAfter;
        TimeSpan pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 2000));
            }
        }
    }

    /// <summary>Same, for calls without a value.</summary>
    public static Task RunAsync(Func<CancellationToken, ValueTask> call, TimeSpan giveUpAfter, CancellationToken cancellationToken) =>
        RunAsync<bool>(async ct => { await call(ct).ConfigureAwait(false); return true; }, giveUpAfter, cancellationToken);

    /// <summary>True for errors of an absent or restarting server, as opposed to the server saying no.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        NatsJSApiException api => api.Error.Code is 503 or 408,
        NatsJSPublishNoResponseException or NatsJSApiNoResponseException or NatsJSTimeoutException or NatsJSConnectionException => true,
        NatsNoRespondersException or NatsNoReplyException or NatsTimeoutException or NatsConnectionFailedException => true,
        NatsJSException js when js.InnerException is not null => IsTransient(js.InnerException),
        TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        OperationCanceledException => false,
        _ => false,
    };
}
