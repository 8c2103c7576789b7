namespace Vty.Telnet.Protocol;

/// <summary>
/// Streaming RFC 854 receive state machine. Feeds of any size and split anywhere give the same
/// result: state (a pending IAC, CR or half-read subnegotiation) is carried across calls.
/// </summary>
internal sealed class TelnetParser
{
    private enum State : byte { Data, Cr, Iac, Verb, SbOption, SbData, SbIac }

    private readonly ITelnetParserEvents _events;
    private readonly int _maxSubnegotiationLength;
    private byte[]? _sb;
    private int _sbLength;
    private long _sbTotal;
    private byte _sbOption;
    private byte _verb;
    private State _state;

    public TelnetParser(ITelnetParserEvents events, int maxSubnegotiationLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSubnegotiationLength, 16);
        _events = events;
        _maxSubnegotiationLength = maxSubnegotiationLength;
    }

    /// <summary>
    /// When true (peer sends BINARY) a NUL after CR is data; otherwise CR NUL is delivered as CR.
    /// May be changed from an event callback and applies from the next byte on.
    /// </summary>
    public bool BinaryReceive { get; set; }

    /// <summary>True while inside IAC SB ... (used to report an unterminated subnegotiation at end of stream).</summary>
    public bool InSubnegotiation => _state is State.SbOption or State.SbData or State.SbIac;

    /// <summary>Option of the current or last subnegotiation.</summary>
    public byte SubnegotiationOption => _sbOption;

    /// <summary>Bytes swallowed so far by the current subnegotiation.</summary>
    public long SubnegotiationLength => _sbTotal;

    /// <summary>
    /// Parses <paramref name="input"/>, writes application data to <paramref name="output"/> (which
    /// must be at least as long as the input) and returns the number of data bytes written.
    /// </summary>
    public int Parse(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output span must be at least as long as the input.", nameof(output));
        }

        var written = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (_state == State.Data)
            {
                // Fast path: copy the run of plain data up to the next IAC (or CR outside binary).
                var rest = input[i..];
                var special = BinaryReceive ? rest.IndexOf(TelnetBytes.Iac) : rest.IndexOfAny(TelnetBytes.Iac, TelnetBytes.Cr);
                var run = special < 0 ? rest.Length : special;
                rest[..run].CopyTo(output[written..]);
                written += run;
                i += run;
                if (i == input.Length)
                {
                    break;
                }
            }

            var b = input[i];
            switch (_state)
            {
                case State.Cr:
                    _state = State.Data;
                    if (b == TelnetBytes.Nul)
                    {
                        break;
                    }

                    goto case State.Data;

                case State.Data:
                    if (b == TelnetBytes.Iac)
                    {
                        _state = State.Iac;
                    }
                    else
                    {
                        output[written++] = b;
                        if (b == TelnetBytes.Cr && !BinaryReceive)
                        {
                            _state = State.Cr;
                        }
                    }

                    break;

                case State.Iac:
                    HandleAfterIac(b, output, ref written);
                    break;

                case State.Verb:
                    _state = State.Data;
                    _events.OnNegotiation(_verb, b);
                    break;

                case State.SbOption:
                    _sbOption = b;
                    _sbLength = 0;
                    _sbTotal = 0;
                    _state = State.SbData;
                    break;

                case State.SbData:
                    if (b == TelnetBytes.Iac)
                    {
                        _state = State.SbIac;
                    }
                    else
                    {
                        AppendSubnegotiation(b);
                    }

                    break;

                case State.SbIac:
                    if (b == TelnetBytes.Iac)
                    {
                        AppendSubnegotiation(b);
                        _state = State.SbData;
                    }
                    else
                    {
                        // IAC SE ends it; any other command also ends it (RFC 855 leaves this a
                        // protocol error; ending here keeps one lost SE from eating the session).
                        EndSubnegotiation();
                        if (b == TelnetBytes.Se)
                        {
                            _state = State.Data;
                        }
                        else
                        {
                            HandleAfterIac(b, output, ref written);
                        }
                    }

                    break;
            }
        }

        return written;
    }

    private void HandleAfterIac(byte b, Span<byte> output, ref int written)
    {
        switch (b)
        {
            case TelnetBytes.Iac:
                output[written++] = TelnetBytes.Iac;
                _state = State.Data;
                break;
            case TelnetBytes.Will or TelnetBytes.Wont or TelnetBytes.Do or TelnetBytes.Dont:
                _verb = b;
                _state = State.Verb;
                break;
            case TelnetBytes.Sb:
                _state = State.SbOption;
                break;
            case TelnetBytes.Se:
                // A stray SE outside a subnegotiation carries no meaning: drop it.
                _state = State.Data;
                break;
            default:
                _state = State.Data;
                _events.OnCommand(b);
                break;
        }
    }

    private void AppendSubnegotiation(byte b)
    {
        _sbTotal++;
        if (_sbLength < _maxSubnegotiationLength)
        {
            _sb ??= new byte[_maxSubnegotiationLength];
            _sb[_sbLength++] = b;
        }
    }

    private void EndSubnegotiation()
    {
        if (_sbTotal > _maxSubnegotiationLength)
        {
            _events.OnSubnegotiationOverflow(_sbOption, _sbTotal);
        }
        else
        {
            _events.OnSubnegotiation(_sbOption, _sb is null ? default : _sb.AsSpan(0, _sbLength));
        }

        _sbLength = 0;
        _sbTotal = 0;
    }
}
