using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using Vty.Telnet.Negotiation;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Session;

// Parser and negotiation callbacks. They run under _gate from the pump (or from a Request* call),
// so they only change state and queue bytes; user-visible events are queued in _notifications
// and raised after the lock is released.
internal sealed partial class TelnetSession : ITelnetParserEvents, INegotiationPolicy
{
    private const int MaxTerminalTypeLength = 64;
    private int _columns;
    private int _rows;
    private string? _peerTerminalType;
    private (int Columns, int Rows)? _peerWindowSize;
    private bool _terminalTypeRequested;

    /// <summary>The peer's terminal type (server side, after TTYPE IS).</summary>
    public string? PeerTerminalType
    {
        get
        {
            lock (_gate)
            {
                return _peerTerminalType;
            }
        }
    }

    /// <summary>The peer's window size (server side, after NAWS).</summary>
    public (int Columns, int Rows)? PeerWindowSize
    {
        get
        {
            lock (_gate)
            {
                return _peerWindowSize;
            }
        }
    }

    public event Action<string>? TerminalTypeReceived;

    public event Action<int, int>? WindowSizeReceived;

    public event Action<TelnetCommand>? CommandReceived;

    public event Action<TelnetOption, bool, bool>? OptionChanged;

    public bool IsLocalEnabled(TelnetOption option)
    {
        lock (_gate)
        {
            return _negotiator.IsLocalEnabled((byte)option);
        }
    }

    public bool IsRemoteEnabled(TelnetOption option)
    {
        lock (_gate)
        {
            return _negotiator.IsRemoteEnabled((byte)option);
        }
    }

    /// <summary>Starts negotiating options (queued); send them with <see cref="FlushControlAsync"/>.</summary>
    public void Request(TelnetOption option, bool local, bool enable)
    {
        lock (_gate)
        {
            if (local)
            {
                _negotiator.RequestLocal((byte)option, enable);
            }
            else
            {
                _negotiator.RequestRemote((byte)option, enable);
            }
        }
    }

    /// <summary>Whether the peer has answered every request about <paramref name="option"/> on its side.</summary>
    public bool IsRemoteSettled(TelnetOption option)
    {
        lock (_gate)
        {
            return !_negotiator.IsRemotePending((byte)option);
        }
    }

    /// <summary>Checked under the state lock by <see cref="WaitForStateAsync"/>: TTYPE answered or refused.</summary>
    public bool TerminalTypeSettled() =>
        !_negotiator.IsRemotePending((byte)TelnetOption.TerminalType)
        && (_peerTerminalType is not null || !_negotiator.IsRemoteEnabled((byte)TelnetOption.TerminalType));

    /// <summary>Checked under the state lock: NAWS answered with a size, or refused.</summary>
    public bool WindowSizeSettled() =>
        !_negotiator.IsRemotePending((byte)TelnetOption.WindowSize)
        && (_peerWindowSize is not null || !_negotiator.IsRemoteEnabled((byte)TelnetOption.WindowSize));

    /// <summary>Changes our window size and sends NAWS when the option is on.</summary>
    public Task SetWindowSizeAsync(int columns, int rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, ushort.MaxValue);
        lock (_gate)
        {
            if (_columns == columns && _rows == rows)
            {
                return Task.CompletedTask;
            }

            _columns = columns;
            _rows = rows;
            if (_negotiator.IsLocalEnabled((byte)TelnetOption.WindowSize))
            {
                QueueWindowSize();
            }
        }

        return FlushControlAsync(cancellationToken);
    }

    void ITelnetParserEvents.OnCommand(byte command)
    {
        var name = Enum.IsDefined((TelnetCommand)command) ? ((TelnetCommand)command).ToString() : command.ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogCommand(_logger, name);
        if (command == (byte)TelnetCommand.AreYouThere && _settings.IsServer)
        {
            // RFC 854: answer AYT with something visible in the data stream.
            QueueControl("\r\n[Yes]\r\n"u8);
        }

        if (Enum.IsDefined((TelnetCommand)command) && CommandReceived is { } handler)
        {
            _notifications.Add(() => handler((TelnetCommand)command));
        }
    }

    void ITelnetParserEvents.OnNegotiation(byte verb, byte option)
    {
        LogReceived(_logger, TelnetBytes.VerbName(verb), TelnetBytes.OptionName(option));
        _negotiator.Receive(verb, option);

        // Waiters check pending states too, which change without enabling or disabling anything.
        SignalLocked();
    }

    void ITelnetParserEvents.OnSubnegotiation(byte option, ReadOnlySpan<byte> payload)
    {
        switch ((TelnetOption)option)
        {
            case TelnetOption.TerminalType when payload.Length >= 1 && payload[0] == TelnetBytes.TerminalTypeSend
                                                && _negotiator.IsLocalEnabled(option):
                var name = Encoding.ASCII.GetBytes(_settings.TerminalType);
                var reply = new byte[name.Length + 1];
                reply[0] = TelnetBytes.TerminalTypeIs;
                name.CopyTo(reply, 1);
                QueueControl(TelnetEncoder.Subnegotiation(option, reply));
                LogSent(_logger, "SB TTYPE IS", _settings.TerminalType);
                break;
            case TelnetOption.TerminalType when payload.Length >= 1 && payload[0] == TelnetBytes.TerminalTypeIs
                                                && _negotiator.IsRemoteEnabled(option):
                var text = Encoding.ASCII.GetString(payload[1..Math.Min(payload.Length, MaxTerminalTypeLength + 1)]);
                _peerTerminalType = text.Trim();
                LogTerminalType(_logger, _peerTerminalType);
                if (TerminalTypeReceived is { } typeHandler)
                {
                    var received = _peerTerminalType;
                    _notifications.Add(() => typeHandler(received));
                }

                SignalLocked();
                break;
            case TelnetOption.WindowSize when payload.Length == 4 && _negotiator.IsRemoteEnabled(option):
                var size = (BinaryPrimitives.ReadUInt16BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
                LogWindowSize(_logger, size.Item1, size.Item2);
                if (_peerWindowSize != size)
                {
                    _peerWindowSize = size;
                    if (WindowSizeReceived is { } sizeHandler)
                    {
                        _notifications.Add(() => sizeHandler(size.Item1, size.Item2));
                    }
                }

                SignalLocked();
                break;
            default:
                LogIgnoredSubnegotiation(_logger, TelnetBytes.OptionName(option), payload.Length);
                break;
        }
    }

    void ITelnetParserEvents.OnSubnegotiationOverflow(byte option, long length)
    {
        var message = $"The Telnet peer sent a {length}-byte subnegotiation for option {TelnetBytes.OptionName(option)}, " +
                      $"over the {_settings.MaxSubnegotiationLength}-byte bound";
        if (_settings.SubnegotiationOverflow == SubnegotiationOverflowAction.Fail)
        {
            throw new TelnetProtocolException(message + "; the session was closed. Raise MaxSubnegotiationLength if the peer is legitimate.");
        }

        LogOverflow(_logger, message);
    }

    bool INegotiationPolicy.AcceptLocal(byte option) => (TelnetOption)option switch
    {
        TelnetOption.SuppressGoAhead => true,
        TelnetOption.Binary => _settings.AcceptBinary,
        TelnetOption.Echo => _settings.IsServer,
        TelnetOption.TerminalType or TelnetOption.WindowSize => !_settings.IsServer,
        _ => false,
    };

    bool INegotiationPolicy.AcceptRemote(byte option) => (TelnetOption)option switch
    {
        TelnetOption.SuppressGoAhead => true,
        TelnetOption.Binary => _settings.AcceptBinary,
        TelnetOption.Echo => !_settings.IsServer,
        TelnetOption.TerminalType or TelnetOption.WindowSize => _settings.IsServer,
        _ => false,
    };

    void INegotiationPolicy.Send(byte verb, byte option)
    {
        LogSent(_logger, TelnetBytes.VerbName(verb), TelnetBytes.OptionName(option));
        QueueControl([TelnetBytes.Iac, verb, option]);
    }

    void INegotiationPolicy.OnChanged(byte option, bool local, bool enabled)
    {
        LogOptionChanged(_logger, TelnetBytes.OptionName(option), local ? "local" : "remote", enabled);
        switch ((TelnetOption)option)
        {
            case TelnetOption.Binary when !local:
                _parser.BinaryReceive = enabled;
                break;
            case TelnetOption.WindowSize when local && enabled:
                QueueWindowSize();
                break;
            case TelnetOption.TerminalType when !local && enabled && !_terminalTypeRequested:
                _terminalTypeRequested = true;
                QueueControl(TelnetEncoder.Subnegotiation(option, [TelnetBytes.TerminalTypeSend]));
                LogSent(_logger, "SB TTYPE", "SEND");
                break;
        }

        if (OptionChanged is { } handler)
        {
            _notifications.Add(() => handler((TelnetOption)option, local, enabled));
        }

        SignalLocked();
    }

    void INegotiationPolicy.OnRefused(byte option, bool local)
    {
        LogRefused(_logger, TelnetBytes.OptionName(option), local ? "local" : "remote");
        SignalLocked();
    }

    private void QueueWindowSize()
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)_columns);
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], (ushort)_rows);
        QueueControl(TelnetEncoder.Subnegotiation((byte)TelnetOption.WindowSize, payload));
        LogSent(_logger, "SB NAWS", $"{_columns}x{_rows}");
    }

    // Called with _gate held: swap the signal, complete the old one once the lock is released.
    private void SignalLocked()
    {
        if (_stateWaiters == 0)
        {
            return;
        }

        var previous = _stateChanged;
        _stateChanged = NewSignal();
        _notifications.Add(() => previous.TrySetResult());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet received command {Command}")]
    private static partial void LogCommand(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Telnet received {Verb} {Option}")]
    private static partial void LogReceived(ILogger logger, string verb, string option);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Telnet sending {Verb} {Option}")]
    private static partial void LogSent(ILogger logger, string verb, string option);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet option {Option} ({Side}) is now {Enabled}")]
    private static partial void LogOptionChanged(ILogger logger, string option, string side, bool enabled);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet option {Option} ({Side}) was refused by the peer")]
    private static partial void LogRefused(ILogger logger, string option, string side);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet peer terminal type: {TerminalType}")]
    private static partial void LogTerminalType(ILogger logger, string terminalType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet peer window size: {Columns}x{Rows}")]
    private static partial void LogWindowSize(ILogger logger, int columns, int rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telnet ignored a {Length}-byte subnegotiation for option {Option}")]
    private static partial void LogIgnoredSubnegotiation(ILogger logger, string option, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}; it was discarded")]
    private static partial void LogOverflow(ILogger logger, string message);
}
