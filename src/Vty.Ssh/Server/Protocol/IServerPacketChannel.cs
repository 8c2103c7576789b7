using Vty.Ssh.Transport;

namespace Vty.Ssh.Server.Protocol;

/// <summary>
/// What the server's user-auth and connection layers need from the transport once keys are
/// exchanged: send a payload, receive the next non-transport payload, know the session id, and
/// disconnect with a reason. Transport messages (IGNORE, DEBUG, re-key) never reach this level.
/// </summary>
internal interface IServerPacketChannel
{
    /// <summary>The exchange hash of the first key exchange.</summary>
    ReadOnlyMemory<byte> SessionId { get; }

    /// <summary>Sends one message payload (first byte is the message number).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Sends the first <paramref name="count"/> payloads in order; the transport does it in one socket write.</summary>
    async ValueTask SendManyAsync(ReadOnlyMemory<byte>[] payloads, int count, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++) await SendAsync(payloads[i], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next message payload; the memory is valid until the next call. Throws
    /// <see cref="SshDisconnectedException"/> (or the transport's failure) when the connection ends.
    /// </summary>
    ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ReceiveAsync"/>, but empty when the connection has ended, with the reason in
    /// <see cref="EndReason"/>: the ordinary end of every connection, so it throws nothing.
    /// </summary>
    ValueTask<ReadOnlyMemory<byte>> ReceiveOrEndAsync(CancellationToken cancellationToken);

    /// <summary>Why the connection ended (the client's DISCONNECT, a lost socket …); null while it lasts.</summary>
    Exception? EndReason { get; }

    /// <summary>Sends SSH_MSG_DISCONNECT and closes the connection.</summary>
    Task DisconnectAsync(SshDisconnectReason reason, string description, CancellationToken cancellationToken);
}
