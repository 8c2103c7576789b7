using Vty.Ssh.Keys;

namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>
/// What a kex flow needs from the transport: both identifications and KEXINIT payloads (for the
/// exchange hash), the negotiated algorithms, a way to send, and the completion hook.
/// </summary>
internal sealed class KexContext(
    SshTransport transport,
    string clientIdentification,
    string serverIdentification,
    byte[] clientKexInit,
    byte[] serverKexInit,
    NegotiatedAlgorithms algorithms)
{
    public string ClientIdentification { get; } = clientIdentification;
    public string ServerIdentification { get; } = serverIdentification;
    public byte[] ClientKexInit { get; } = clientKexInit;
    public byte[] ServerKexInit { get; } = serverKexInit;
    public NegotiatedAlgorithms Algorithms { get; } = algorithms;
    public SshTransportSettings Settings => transport.Settings;

    /// <summary>Sends a kex message (allowed while the key exchange holds other traffic back).</summary>
    public ValueTask SendAsync(byte[] payload, CancellationToken ct) => transport.SendKexMessageAsync(payload, ct);

    /// <summary>
    /// Client role: asks the host key policy whether to trust the (signature-verified) host key. On a
    /// re-key the key must be the one the policy already trusted for this connection.
    /// </summary>
    public ValueTask VerifyHostKeyAsync(SshPublicKey key, CancellationToken ct)
    {
        if (transport.HostKey is { } first)
        {
            return first.Equals(key)
                ? ValueTask.CompletedTask
                : throw new SshProtocolException($"the server's host key changed during re-key (from {first.KeyType} {first.Sha256Fingerprint} " +
                    $"to {key.KeyType} {key.Sha256Fingerprint}): possible man-in-the-middle; the connection was closed");
        }
        return Settings.HostKeyVerifier?.Invoke(key, ct) ?? throw new InvalidOperationException("the client transport has no host key verifier");
    }

    /// <summary>
    /// Hands the shared secret (unsigned big-endian magnitude) and exchange hash to the transport,
    /// which derives the keys and sends NEWKEYS.
    /// </summary>
    public ValueTask CompleteAsync(byte[] sharedSecret, byte[] exchangeHash, SshPublicKey hostKey, CancellationToken ct) =>
        transport.CompleteKeyExchangeAsync(sharedSecret, exchangeHash, hostKey, ct);
}
