using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>
/// The client's side of every supported kex family: ECDH / X25519 (RFC 5656, RFC 8731), fixed
/// DH groups (RFC 4253 §8) and group exchange (RFC 4419). Verifies the server's signature over the
/// exchange hash with the negotiated host key algorithm, then asks the host key policy.
/// </summary>
internal sealed class ClientKexFlow : IKexFlow
{
    private KexInfo? _kex;
    private IKeyAgreement? _agreement;
    private BigInteger _p;
    private BigInteger _g;
    private bool _groupReceived;

    public async ValueTask StartAsync(KexContext context, CancellationToken ct)
    {
        _kex = KeyExchangeMath.GetKex(context.Algorithms.Kex);
        if (_kex.Kind == KexKind.DhGroupExchange)
        {
            var (min, preferred, max) = context.Settings.GroupExchangeBits;
            using var w = new SshWriter(16);
            w.WriteByte(SshMessageNumber.KexDhGexRequest);
            w.WriteUInt32((uint)min);
            w.WriteUInt32((uint)preferred);
            w.WriteUInt32((uint)max);
            await context.SendAsync(w.ToArray(), ct);
            return;
        }
        _agreement = KeyExchangeMath.Create(_kex.Name);
        using var init = new SshWriter(_agreement.PublicValue.Length + 16);
        init.WriteByte(SshMessageNumber.KexDhInit);
        if (IsDh(_kex)) init.WriteMPInt(_agreement.PublicValue);
        else init.WriteString(_agreement.PublicValue);
        await context.SendAsync(init.ToArray(), ct);
    }

    public async ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex ?? throw new InvalidOperationException("kex flow not started");
        if (kex.Kind == KexKind.DhGroupExchange && !_groupReceived && number == SshMessageNumber.KexDhGexGroup)
        {
            await OnGroupAsync(payload, context, ct);
            return;
        }
        byte expected = kex.Kind == KexKind.DhGroupExchange ? SshMessageNumber.KexDhGexReply : SshMessageNumber.KexDhReply;
        if (number != expected || _agreement == null)
            throw new SshProtocolException($"unexpected message {number} during {kex.Name} key exchange (expected {expected})");
        await OnReplyAsync(payload, context, ct);
    }

    private async ValueTask OnGroupAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        var r = new SshReader(payload.Span[1..]);
        _p = r.ReadMPInt();
        _g = r.ReadMPInt();
        var (min, preferred, max) = context.Settings.GroupExchangeBits;
        string requested = $"we requested {min} to {max} bits (preferred {preferred})";
        if (_p.Sign <= 0)
            throw new SshProtocolException($"the server's group-exchange modulus is not a positive number; {requested}");
        long bits = (long)_p.GetBitLength();
        if (bits < min || bits > max)
            throw new SshProtocolException($"the server offered a {bits}-bit Diffie-Hellman group; {requested}" +
                (bits < min && bits >= KeyExchangeMath.MinGroupExchangeBits && min > KeyExchangeMath.MinGroupExchangeBits
                    ? $"; an old server with only {bits}-bit groups needs legacy algorithms, which ask for {KeyExchangeMath.MinGroupExchangeBits} bits and up (Legacy = true, vty --legacy)" : ""));
        if (_p.IsEven)
            throw new SshProtocolException($"the server's {bits}-bit group-exchange modulus is even, so it is not a prime; {requested}");
        if (_g <= BigInteger.One || _g >= _p - 1)
            throw new SshProtocolException($"the server offered an invalid Diffie-Hellman generator (it must satisfy 1 < g < p-1) for its {bits}-bit group");
        _groupReceived = true;
        _agreement = KeyExchangeMath.CreateDh(_p, _g, min, max);
        using var w = new SshWriter(_agreement.PublicValue.Length + 16);
        w.WriteByte(SshMessageNumber.KexDhGexInit);
        w.WriteMPInt(_agreement.PublicValue);
        await context.SendAsync(w.ToArray(), ct);
    }

    private async ValueTask OnReplyAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex!;
        IKeyAgreement agreement = _agreement!;
        byte[] hostKeyBlob;
        byte[] serverPublic;
        byte[] signature;
        {
            var r = new SshReader(payload.Span[1..]);
            hostKeyBlob = r.ReadStringBytes().ToArray();
            serverPublic = IsDh(kex) ? r.ReadMPIntMagnitude().ToArray() : r.ReadStringBytes().ToArray();
            signature = r.ReadStringBytes().ToArray();
        }
        SshPublicKey hostKey = SshPublicKey.FromBlob(hostKeyBlob);
        string algorithm = context.Algorithms.HostKey;
        if (!hostKey.SignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            throw new SshProtocolException($"the server sent a {hostKey.KeyType} host key, which cannot sign with the negotiated {algorithm}");
        byte[] shared = agreement.ComputeSharedSecret(serverPublic);
        var (min, preferred, max) = context.Settings.GroupExchangeBits;
        ExchangeHash.GroupExchange? gex = kex.Kind == KexKind.DhGroupExchange ? new(min, preferred, max, _p, _g) : null;
        byte[] exchangeHash = ExchangeHash.Compute(kex, context, hostKeyBlob, agreement.PublicValue, serverPublic, shared, gex);
        if (!hostKey.VerifySignature(exchangeHash, signature, algorithm))
            throw new SshProtocolException($"the server's {algorithm} signature over the key exchange does not verify: possible man-in-the-middle");
        await context.VerifyHostKeyAsync(hostKey, ct);
        await context.CompleteAsync(shared, exchangeHash, hostKey, ct);
        CryptographicOperations.ZeroMemory(shared);
    }

    private static bool IsDh(KexInfo kex) => ExchangeHash.UsesMPInts(kex);

    public void Dispose() => _agreement?.Dispose();
}
