namespace Vty.Telnet.Negotiation;

/// <summary>Which options a side agrees to, and what happens when an option's state changes.</summary>
internal interface INegotiationPolicy
{
    /// <summary>Whether we agree to perform <paramref name="option"/> ourselves (answer DO with WILL).</summary>
    bool AcceptLocal(byte option);

    /// <summary>Whether we agree that the peer performs <paramref name="option"/> (answer WILL with DO).</summary>
    bool AcceptRemote(byte option);

    /// <summary>Queues a negotiation command for sending, in order.</summary>
    void Send(byte verb, byte option);

    /// <summary>An option became enabled or disabled on our side (<paramref name="local"/>) or the peer's.</summary>
    void OnChanged(byte option, bool local, bool enabled);

    /// <summary>A negotiation attempt we started was refused.</summary>
    void OnRefused(byte option, bool local);
}
