using Vty.Telnet;

namespace Vty.Protocols;

/// <summary>
/// A session over Telnet (RFC 854): the NVT stream of <see cref="TelnetClient"/> with terminal
/// type and window size negotiated. Telnet has no transport authentication; login happens in-band.
/// Lines end in CR LF.
/// </summary>
public sealed class TelnetProtocol : Protocol
{
    private TelnetClient? _client;

    /// <summary>Creates an unconnected Telnet session.</summary>
    public TelnetProtocol(ProtocolOptions? options = null)
        : base(options)
    {
    }

    /// <summary>The Telnet client once connected (negotiated options, remote echo).</summary>
    public TelnetClient? Client => _client;

    /// <inheritdoc/>
    protected override int DefaultPort => 23;

    // The client's stream owns its session: disposing it ends the session's receive pump, and a
    // pending read then returns 0 (TelnetSession.DisposeAsync).
    internal override bool StreamEndsReadsOnDispose(Stream stream) => true;

    /// <inheritdoc/>
    protected override string DefaultLineEnding => "\r\n";

    /// <inheritdoc/>
    public override Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default) =>
        _client?.SetWindowSizeAsync(columns, rows, cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc/>
    protected override async Task ConnectTransportAsync(string host, int port, CancellationToken cancellationToken)
    {
        var options = new TelnetClientOptions
        {
            TerminalType = Options.TerminalType,
            Columns = Options.TerminalColumns,
            Rows = Options.TerminalRows,
            ConnectTimeout = Options.ConnectTimeout,
            Logger = Options.Logger ?? Options.LoggerFactory?.CreateLogger("Vty.Telnet"),
        };
        Options.ConfigureTelnet?.Invoke(options);
        try
        {
            _client = await TelnetClient.ConnectAsync(host, port, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionFailedException(host, port, $"Could not open a Telnet session to {host}:{port}: {ex.Message}. Check the host name and port, that a Telnet server listens there, and the connect timeout (ProtocolOptions.ConnectTimeout).", ex);
        }

        AttachStream(_client.Stream);
    }

    /// <inheritdoc/>
    protected override async ValueTask CloseTransportAsync(bool force)
    {
        if (_client is not null)
            await _client.DisposeAsync().ConfigureAwait(false);
    }
}
