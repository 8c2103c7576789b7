namespace Vty.Ssh.Connection;

/// <summary>
/// Takes a channel's data as it arrives, on the connection's read loop, instead of a buffer and a
/// parked reader: a protocol running over the channel (SFTP) parses its messages straight from the
/// decrypted packet and spares a wake-up and a thread hop per packet. Everything handed over counts
/// as consumed, so the sink itself must bound what it keeps (SFTP keeps only replies to requests it
/// has in flight).
/// </summary>
internal interface IChannelDataSink
{
    /// <summary>
    /// The next bytes of the data stream, valid only during the call: copy what is kept. Called by
    /// one thread at a time, in stream order. Must not block and must not throw: a sink that finds
    /// the data broken ends its own use of the channel.
    /// </summary>
    void OnData(ReadOnlySpan<byte> data);

    /// <summary>No more data: the peer sent EOF or CLOSE (<paramref name="error"/> null), or the connection failed.</summary>
    void OnEnd(Exception? error);
}
