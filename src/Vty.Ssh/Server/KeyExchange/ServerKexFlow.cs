using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Transport;
using Vty.Ssh.Transport.KeyExchange;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Server.KeyExchange;

/// <summary>
/// The server's side of every supported kex family: ECDH / X25519 (RFC 5656, RFC 8731), fixed DH
/// groups (RFC 4253 §8), group exchange (RFC 4419) and the hybrid post-quantum KEMs (same
/// message numbers as ECDH; our value is read after the secret because it is encapsulated). Waits for the client's public value,
/// answers with ours, the host key and its signature over the exchange hash, and completes.
/// </summary>
internal sealed class ServerKexFlow : IKexFlow
{
    private KexInfo? _kex;
    private IKeyAgreement? _agreement;
    private (uint Min, uint Preferred, uint Max)? _groupRequest;
    private BigInteger _p;
    private BigInteger _g;
    private bool _done;

    public ValueTask StartAsync(KexContext context, CancellationToken ct)
    {
        // The client speaks first in every family; the server only answers.
        _kex = KeyExchangeMath.GetKex(context.Algorithms.Kex);
        return ValueTask.CompletedTask;
    }

    public async ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex ?? throw new InvalidOperationException("kex flow not started");
        if (_done)
            throw new SshProtocolException($"unexpected message {number} after the {kex.Name} key exchange reply");
        if (kex.Kind == KexKind.DhGroupExchange)
        {
            if (_groupRequest is null)
            {
                if (number != SshMessageNumber.KexDhGexRequest)
                    throw new SshProtocolException($"expected a group exchange request (34) to start {kex.Name}, got message {number}");
                await OnGroupRequestAsync(payload, context, ct).ConfigureAwait(false);
                return;
            }
            if (number != SshMessageNumber.KexDhGexInit)
                throw new SshProtocolException($"expected the group exchange init (32) during {kex.Name}, got message {number}");
        }
        else if (number != SshMessageNumber.KexDhInit)
        {
            throw new SshProtocolException($"expected the client's key exchange init (30) during {kex.Name}, got message {number}");
        }
        await OnInitAsync(payload, context, ct).ConfigureAwait(false);
    }

    private async ValueTask OnGroupRequestAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        var r = new SshReader(payload.Span[1..]);
        uint min = r.ReadUInt32(), preferred = r.ReadUInt32(), max = r.ReadUInt32();
        if (min > preferred || preferred > max || max < 1024 || min > 8192)
            throw new SshProtocolException($"the client asked for an impossible Diffie-Hellman group size (min {min}, preferred {preferred}, max {max})");
        _groupRequest = (min, preferred, max);
        (_p, _g) = KeyExchangeMath.SelectGroup((int)min, (int)preferred, (int)Math.Min(max, 8192));
        _agreement = KeyExchangeMath.CreateDh(_p, _g);
        using var w = new SshWriter(1100);
        w.WriteByte(SshMessageNumber.KexDhGexGroup);
        w.WriteMPInt(_p);
        w.WriteMPInt(_g);
        await context.SendAsync(w.ToArray(), ct).ConfigureAwait(false);
    }

    private async ValueTask OnInitAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex!;
        byte[] clientPublic;
        {
            var r = new SshReader(payload.Span[1..]);
            clientPublic = ExchangeHash.UsesMPInts(kex) ? r.ReadMPIntMagnitude().ToArray() : r.ReadStringBytes().ToArray();
        }
        _agreement ??= KeyExchangeMath.CreateResponder(kex.Name);
        string algorithm = context.Algorithms.HostKey;
        (SshPrivateKey hostKey, byte[] hostKeyBlob, string signatureAlgorithm) = context.Settings.HostKeyFor(algorithm)
            ?? throw new SshProtocolException($"no host key can sign with the negotiated {algorithm}");
        byte[] shared = _agreement.ComputeSharedSecret(clientPublic);
        byte[] serverPublic = _agreement.PublicValue.ToArray();
        // The same hash the client computes; the wire values of the group request enter it unchanged.
        ExchangeHash.GroupExchange? gex = _groupRequest is var (min, preferred, max)
            ? new ExchangeHash.GroupExchange((int)min, (int)preferred, (int)max, _p, _g)
            : null;
        byte[] exchangeHash = ExchangeHash.Compute(kex, context, hostKeyBlob, clientPublic, serverPublic, shared, gex);
        byte[] signature = hostKey.Sign(signatureAlgorithm, exchangeHash);

        using (var w = new SshWriter(hostKeyBlob.Length + serverPublic.Length + signature.Length + 32))
        {
            w.WriteByte(kex.Kind == KexKind.DhGroupExchange ? SshMessageNumber.KexDhGexReply : SshMessageNumber.KexDhReply);
            w.WriteString(hostKeyBlob);
            if (ExchangeHash.UsesMPInts(kex)) w.WriteMPInt(serverPublic);
            else w.WriteString(serverPublic);
            w.WriteString(signature);
            await context.SendAsync(w.ToArray(), ct).ConfigureAwait(false);
        }
        _done = true;
        await context.CompleteAsync(shared, exchangeHash, hostKey.PublicKey, ct).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(shared);
    }

    public void Dispose() => _agreement?.Dispose();
}
