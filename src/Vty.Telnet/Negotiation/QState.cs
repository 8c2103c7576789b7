namespace Vty.Telnet.Negotiation;

/// <summary>RFC 1143 state of one side of one option.</summary>
internal enum QState : byte
{
    No,
    Yes,
    WantNo,
    WantYes,
}
