namespace Vty.Telnet.Negotiation;

/// <summary>RFC 1143 state of one side of one option: the state plus the one-deep queue bit.</summary>
internal struct OptionSide
{
    public QState State;

    /// <summary>True when the opposite of the pending request is queued (RFC 1143 "OPPOSITE").</summary>
    public bool Opposite;
}
