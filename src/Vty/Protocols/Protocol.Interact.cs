using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    /// <summary>
    /// Wires a terminal to the session: bytes read from <paramref name="input"/> go to the device
    /// (except keys with a handler and the escape key), bytes from the device go to
    /// <paramref name="output"/> as they arrive. Returns when the escape key is pressed, a handler
    /// says stop, <paramref name="input"/> ends, the device closes the session, or
    /// <paramref name="cancellationToken"/> fires. The CLI passes the console streams (in raw mode)
    /// and calls <see cref="ResizeAsync"/> when the window changes size.
    /// </summary>
    /// <remarks>Key handlers are looked up per byte, so they suit single-byte keys (control keys, ASCII).</remarks>
    public async Task InteractAsync(Stream input, Stream output, InteractOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new InteractOptions();
        var channel = Channel;
        if (options.WindowSize is { } size)
            await ResizeAsync(size.Columns, size.Rows, cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        byte[] pending = channel.SetPassthrough(async (bytes, token) =>
        {
            await output.WriteAsync(bytes, token).ConfigureAwait(false);
            await output.FlushAsync(token).ConfigureAwait(false);
        });
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            if (pending.Length > 0)
            {
                await output.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            Logger.LogDebug("{Host}: interactive session started", Host);
            // A terminal's read ignores cancellation (it is a blocking read underneath), so the
            // token is watched beside it: a signal that cancels must end the session at once.
            var cancelled = Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            while (true)
            {
                var read = input.ReadAsync(buffer, stop.Token).AsTask();
                var first = await Task.WhenAny(read, channel.Completion, cancelled).ConfigureAwait(false);
                if (first == cancelled)
                    throw new OperationCanceledException("The interactive session was cancelled.", cancellationToken);
                if (first != read)
                    return;
                int n = await read.ConfigureAwait(false);
                if (n == 0)
                    return;
                if (!await ForwardKeysAsync(buffer.AsMemory(0, n), options, cancellationToken).ConfigureAwait(false))
                    return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            channel.SetPassthrough(null);
            ArrayPool<byte>.Shared.Return(buffer);
            Logger.LogDebug("{Host}: interactive session ended", Host);
        }
    }

    // Sends typed bytes, running key handlers in between; false when the interaction should end.
    private async Task<bool> ForwardKeysAsync(ReadOnlyMemory<byte> typed, InteractOptions options, CancellationToken cancellationToken)
    {
        int start = 0;
        for (int i = 0; i < typed.Length; i++)
        {
            char key = (char)typed.Span[i];
            bool escape = options.EscapeKey == key;
            bool handled = options.KeyHandlers.TryGetValue(key, out var handler);
            if (!escape && !handled)
                continue;
            if (i > start)
                await Channel.SendRawAsync(typed[start..i], cancellationToken).ConfigureAwait(false);
            start = i + 1;
            if (escape)
                return false;
            if (await handler!(this, cancellationToken).ConfigureAwait(false) == InteractKeyResult.Stop)
                return false;
        }

        if (start < typed.Length)
            await Channel.SendRawAsync(typed[start..], cancellationToken).ConfigureAwait(false);
        return true;
    }
}
