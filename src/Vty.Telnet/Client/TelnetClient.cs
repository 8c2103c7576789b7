using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vty.Telnet.Protocol;
using Vty.Telnet.Session;

namespace Vty.Telnet;

/// <summary>
/// A Telnet client connection. <see cref="Stream"/> carries application data only: options are
/// negotiated in the background (RFC 1143), IAC is undoubled and doubled, CR NUL arrives as CR.
/// </summary>
public sealed class TelnetClient : IAsyncDisposable
{
    private readonly TelnetSession _session;
    private readonly TelnetDataStream _stream;
    private readonly Decoder _decoder;
    private readonly byte[] _textBuffer = new byte[4096];

    private TelnetClient(TelnetSession session, TelnetClientOptions options, string host, int port)
    {
        _session = session;
        _stream = new TelnetDataStream(session, ownsSession: true);
        Encoding = options.Encoding;
        _decoder = options.Encoding.GetDecoder();
        Host = host;
        Port = port;
    }

    /// <summary>Application data to and from the server.</summary>
    public Stream Stream => _stream;

    /// <summary>Host name or address as given to <see cref="ConnectAsync"/>.</summary>
    public string Host { get; }

    /// <summary>Server port.</summary>
    public int Port { get; }

    /// <summary>Encoding used by the text helpers.</summary>
    public Encoding Encoding { get; }

    /// <summary>The address actually connected to.</summary>
    public EndPoint RemoteEndPoint => _session.RemoteEndPoint;

    /// <summary>True while the server echoes what we send (the server agreed to WILL ECHO).</summary>
    public bool RemoteEcho => _session.IsRemoteEnabled(TelnetOption.Echo);

    /// <summary>True when the server suppresses Go Ahead (it agreed to WILL SGA).</summary>
    public bool SuppressGoAhead => _session.IsRemoteEnabled(TelnetOption.SuppressGoAhead);

    /// <summary>True when we send BINARY (no CR NUL translation on send).</summary>
    public bool BinarySend => _session.IsLocalEnabled(TelnetOption.Binary);

    /// <summary>True when the server sends BINARY (CR NUL is not translated on receive).</summary>
    public bool BinaryReceive => _session.IsRemoteEnabled(TelnetOption.Binary);

    /// <summary>True when the server asked for our terminal type and we agreed.</summary>
    public bool TerminalTypeNegotiated => _session.IsLocalEnabled(TelnetOption.TerminalType);

    /// <summary>True when NAWS is on: window sizes are sent to the server.</summary>
    public bool WindowSizeNegotiated => _session.IsLocalEnabled(TelnetOption.WindowSize);

    /// <summary>Whether an option is currently enabled on our side (we WILL) or the server's (it WILL).</summary>
    public bool IsOptionEnabled(TelnetOption option, bool local) =>
        local ? _session.IsLocalEnabled(option) : _session.IsRemoteEnabled(option);

    /// <summary>Raised (on the receive loop) when an option turns on or off: option, local side, enabled.</summary>
    public event Action<TelnetOption, bool, bool>? OptionChanged
    {
        add => _session.OptionChanged += value;
        remove => _session.OptionChanged -= value;
    }

    /// <summary>Raised (on the receive loop) when the server sends a command such as AYT or DM.</summary>
    public event Action<TelnetCommand>? CommandReceived
    {
        add => _session.CommandReceived += value;
        remove => _session.CommandReceived -= value;
    }

    /// <summary>Completes when the server has closed the connection or the receive side failed.</summary>
    public Task Completion => _session.Completion;

    /// <summary>
    /// Connects to <paramref name="host"/> (name, IPv4 or IPv6 literal) within
    /// <see cref="TelnetClientOptions.ConnectTimeout"/>, trying each resolved address in turn.
    /// </summary>
    public static async Task<TelnetClient> ConnectAsync(string host, int port, TelnetClientOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        options ??= new TelnetClientOptions();
        var socket = await TcpConnector.ConnectAsync(host, port, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var session = new TelnetSession(socket, new TelnetSessionSettings
        {
            IsServer = false,
            TerminalType = options.TerminalType,
            Columns = options.Columns,
            Rows = options.Rows,
            AcceptBinary = options.AcceptBinary || options.RequestBinary,
            MaxSubnegotiationLength = options.MaxSubnegotiationLength,
            SubnegotiationOverflow = options.SubnegotiationOverflow,
            Logger = options.Logger ?? NullLogger.Instance,
        });
        var client = new TelnetClient(session, options, host, port);
        session.Start();
        if (options.RequestBinary)
        {
            session.Request(TelnetOption.Binary, local: true, enable: true);
            session.Request(TelnetOption.Binary, local: false, enable: true);
            try
            {
                await session.FlushControlAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return client;
    }

    /// <summary>Sets our window size and sends it to the server when NAWS is on (again on every change).</summary>
    public Task SetWindowSizeAsync(int columns, int rows, CancellationToken cancellationToken) =>
        _session.SetWindowSizeAsync(columns, rows, cancellationToken);

    /// <summary>Sends a Telnet command (e.g. <see cref="TelnetCommand.InterruptProcess"/>, <see cref="TelnetCommand.AreYouThere"/>).</summary>
    public Task SendCommandAsync(TelnetCommand command, CancellationToken cancellationToken) =>
        _session.SendCommandAsync(command, cancellationToken);

    /// <summary>Sends a Synch (IAC DM, DM as TCP urgent data), e.g. after an interrupt.</summary>
    public Task SendSynchAsync(CancellationToken cancellationToken) => _session.SendSynchAsync(cancellationToken);

    /// <summary>Asks to turn an option on or off (Q method: never loops, no reply needed to continue).</summary>
    public Task RequestOptionAsync(TelnetOption option, bool local, bool enable, CancellationToken cancellationToken)
    {
        _session.Request(option, local, enable);
        return _session.FlushControlAsync(cancellationToken);
    }

    /// <summary>Waits until the server has answered our requests about <paramref name="option"/>, up to <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForOptionAsync(TelnetOption option, TimeSpan timeout, CancellationToken cancellationToken) =>
        _session.WaitForStateAsync(() => _session.IsRemoteSettled(option), timeout, cancellationToken);

    /// <summary>Encodes <paramref name="text"/> with <see cref="Encoding"/> and sends it.</summary>
    public async Task WriteTextAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        await _stream.WriteAsync(Encoding.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what is available (waiting for at least one byte) and decodes it with <see cref="Encoding"/>;
    /// a multi-byte character split across reads is completed by the next call. Null at end of stream.
    /// </summary>
    public async Task<string?> ReadTextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var n = await _stream.ReadAsync(_textBuffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            var chars = new char[_decoder.GetCharCount(_textBuffer, 0, n, flush: false)];
            var count = _decoder.GetChars(_textBuffer, 0, n, chars, 0, flush: false);
            if (count > 0)
            {
                return new string(chars, 0, count);
            }
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
    }
}
