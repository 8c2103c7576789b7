namespace Vty.Protocols;

/// <summary>
/// A session over a byte stream you already have: a serial console, a socket you opened, a
/// process's pipes, a test double. It needs no transport authentication; the in-band login dialog
/// works as on Telnet. The session owns the stream and disposes it when closed.
/// </summary>
public sealed class StreamProtocol : Protocol
{
    private readonly Stream _stream;

    /// <summary>Creates a session over <paramref name="stream"/> (readable and writable).</summary>
    public StreamProtocol(Stream stream, ProtocolOptions? options = null)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanWrite)
            throw new ArgumentException("The stream must be readable and writable.", nameof(stream));
        _stream = stream;
    }

    /// <summary>Starts the session; <paramref name="name"/> only names it in logs and errors.</summary>
    public Task OpenAsync(string name = "stream", CancellationToken cancellationToken = default) =>
        ConnectAsync(name, 0, cancellationToken);

    /// <inheritdoc/>
    protected override int DefaultPort => 0;

    /// <inheritdoc/>
    protected override Task ConnectTransportAsync(string host, int port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AttachStream(_stream);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override ValueTask CloseTransportAsync(bool force) => ValueTask.CompletedTask;
}
