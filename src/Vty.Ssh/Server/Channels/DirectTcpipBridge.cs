using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Vty.Ssh.Server.Channels;

/// <summary>Copies bytes both ways between a direct-tcpip channel and the stream its handler opened, then closes both.</summary>
internal sealed class DirectTcpipBridge(ServerChannel channel, Stream target, ILogger logger)
{
    public async Task RunAsync(CancellationToken connectionEnd)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connectionEnd, channel.Closed);
        CancellationToken token = linked.Token;
        try
        {
            Task up = CopyChannelToTargetAsync(token);
            Task down = CopyTargetToChannelAsync(token);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SshException or ObjectDisposedException)
        {
            logger.LogDebug("direct-tcpip channel {Channel} ended: {Reason}", channel.LocalId, ex.Message);
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

    private async Task CopyChannelToTargetAsync(CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int read;
            while ((read = await channel.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                await target.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
            await target.FlushAsync(token).ConfigureAwait(false);
            // The client sent EOF: pass it on where the stream can say so (a TCP half-close), so the
            // target finishes its answer and closes, which then closes the channel.
            if (target is System.Net.Sockets.NetworkStream network)
                network.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CopyTargetToChannelAsync(CancellationToken token)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int read;
            while ((read = await target.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                await channel.WriteAsync(buffer.AsMemory(0, read), null, token).ConfigureAwait(false);
            await channel.SendEofAsync(token).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
