using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vty.Ssh.Connection;

namespace Vty.Ssh.Forwarding;

/// <summary>
/// Copies bytes both ways between a channel and a stream (a forwarded TCP connection, a SOCKS
/// client, the local agent socket), passes EOF on in each direction (a TCP half-close where the
/// stream is a socket), and closes both when both directions are done or either side fails.
/// Used by every forwarding channel type in both roles.
/// </summary>
internal static class ChannelBridge
{
    private const int BufferSize = 32 * 1024;

    /// <summary>Runs until both directions end, the channel closes or <paramref name="stop"/> fires; disposes <paramref name="target"/> and closes the channel.</summary>
    public static async Task RunAsync(SshChannel channel, Stream target, ILogger logger, CancellationToken stop)
    {
        // Bytes the peer sent before its CLOSE are still delivered: the channel's reads drain and
        // then end, so only the direction towards the channel stops when the channel closes.
        using var all = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var towardsChannel = CancellationTokenSource.CreateLinkedTokenSource(all.Token, channel.Closing);
        try
        {
            Task up = WhenFailedCancel(CopyChannelToTargetAsync(channel, target, all.Token), all);
            Task down = WhenFailedCancel(CopyTargetToChannelAsync(target, channel, towardsChannel.Token), all);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or SshException or ObjectDisposedException)
        {
            logger.LogDebug("{Type} channel {Channel} ended: {Reason}", channel.ChannelType, channel.LocalId, ex.Message);
        }
        finally
        {
            await target.DisposeAsync().ConfigureAwait(false);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await channel.SendCloseAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SshException or ObjectDisposedException) { }
        }
    }

    private static async Task WhenFailedCancel(Task copy, CancellationTokenSource others)
    {
        try
        {
            await copy.ConfigureAwait(false);
        }
        catch
        {
            await others.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task CopyChannelToTargetAsync(SshChannel channel, Stream target, CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                await target.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
            await target.FlushAsync(token).ConfigureAwait(false);
            // The peer sent EOF: pass it on where the stream can say so (a socket half-close), so the
            // target finishes its answer and closes, which then closes the channel.
            if (target is NetworkStream network) network.Socket.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CopyTargetToChannelAsync(Stream target, SshChannel channel, CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await target.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                await channel.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
            await channel.SendEofAsync(token).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
