namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>
/// One side's message flow of one key exchange (the part that differs between client and server
/// and between kex families). The transport creates one per key exchange after both KEXINITs are
/// known, hands it every message numbered 30–49, and expects it to call
/// <see cref="KexContext.CompleteAsync"/> once K and H are known.
/// </summary>
internal interface IKexFlow : IDisposable
{
    /// <summary>Sends the flow's first message, if this side speaks first.</summary>
    ValueTask StartAsync(KexContext context, CancellationToken ct);

    /// <summary>Handles one kex-method message (30–49).</summary>
    ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct);
}
