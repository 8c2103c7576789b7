using System.Text;
using Vty.Telnet.Protocol;

namespace Vty.Telnet.Tests.Unit;

/// <summary>Writes every parser event into one text log so feeds can be compared.</summary>
internal sealed class RecordingParserEvents : ITelnetParserEvents
{
    public StringBuilder Log { get; } = new();

    public int Overflows { get; private set; }

    public long LastOverflowLength { get; private set; }

    public void OnCommand(byte command) => Log.Append($"[CMD {command}]");

    public void OnNegotiation(byte verb, byte option) => Log.Append($"[{TelnetBytes.VerbName(verb)} {option}]");

    public void OnSubnegotiation(byte option, ReadOnlySpan<byte> payload) =>
        Log.Append($"[SB {option} {Convert.ToHexString(payload)}]");

    public void OnSubnegotiationOverflow(byte option, long length)
    {
        Overflows++;
        LastOverflowLength = length;
        Log.Append($"[SB-OVERFLOW {option} {length}]");
    }
}
