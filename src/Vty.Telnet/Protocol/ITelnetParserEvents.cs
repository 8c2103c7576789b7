namespace Vty.Telnet.Protocol;

/// <summary>Receives the non-data parts of a Telnet stream, synchronously, in stream order.</summary>
internal interface ITelnetParserEvents
{
    /// <summary>A command without option (NOP, DM, BRK, IP, AO, AYT, EC, EL, GA, or an unknown byte after IAC).</summary>
    void OnCommand(byte command);

    /// <summary>WILL, WONT, DO or DONT for <paramref name="option"/>.</summary>
    void OnNegotiation(byte verb, byte option);

    /// <summary>A complete subnegotiation; the payload is undoubled and only valid during the call.</summary>
    void OnSubnegotiation(byte option, ReadOnlySpan<byte> payload);

    /// <summary>A subnegotiation longer than the bound ended; its content was discarded.</summary>
    void OnSubnegotiationOverflow(byte option, long length);
}
