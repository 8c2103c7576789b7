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
/// groups (RFC 4253 §8) and group exchange (RFC 4419). Waits for the client's public value,
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
            clientPublic = IsDh(kex) ? r.ReadMPIntMagnitude().ToArray() : r.ReadStringBytes().ToArray();
        }
        _agreement ??= KeyExchangeMath.Create(kex.Name);
        string algorithm = context.Algorithms.HostKey;
        SshPrivateKey hostKey = context.Settings.HostKeys.FirstOrDefault(k => k.PublicKey.SignatureAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            ?? throw new SshProtocolException($"no host key can sign with the negotiated {algorithm}");
        byte[] hostKeyBlob = hostKey.PublicKey.Blob;
        byte[] shared = _agreement.ComputeSharedSecret(clientPublic);
        byte[] serverPublic = _agreement.PublicValue.ToArray();
        byte[] exchangeHash = ComputeExchangeHash(kex, context, hostKeyBlob, clientPublic, serverPublic, shared);
        byte[] signature = hostKey.Sign(algorithm, exchangeHash);

        using (var w = new SshWriter(hostKeyBlob.Length + serverPublic.Length + signature.Length + 32))
        {
            w.WriteByte(kex.Kind == KexKind.DhGroupExchange ? SshMessageNumber.KexDhGexReply : SshMessageNumber.KexDhReply);
            w.WriteString(hostKeyBlob);
            if (IsDh(kex)) w.WriteMPInt(serverPublic);
            else w.WriteString(serverPublic);
            w.WriteString(signature);
            await context.SendAsync(w.ToArray(), ct).ConfigureAwait(false);
        }
        _done = true;
        await context.CompleteAsync(shared, exchangeHash, hostKey.PublicKey, ct).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(shared);
    }

    // H = HASH(V_C || V_S || I_C || I_S || K_S || [gex sizes, p, g] || e || f || K) — RFC 4253 §8,
    // RFC 4419 §3, RFC 5656 §4: DH values as mpints, ECDH and X25519 points as strings.
    private byte[] ComputeExchangeHash(KexInfo kex, KexContext context, byte[] hostKeyBlob, byte[] clientPublic, byte[] serverPublic, byte[] shared)
    {
        using var w = new SshWriter(4096);
        w.WriteString(context.ClientIdentification);
        w.WriteString(context.ServerIdentification);
        w.WriteString(context.ClientKexInit);
        w.WriteString(context.ServerKexInit);
        w.WriteString(hostKeyBlob);
        if (kex.Kind == KexKind.DhGroupExchange)
        {
            var (min, preferred, max) = _groupRequest!.Value;
            w.WriteUInt32(min);
            w.WriteUInt32(preferred);
            w.WriteUInt32(max);
            w.WriteMPInt(_p);
            w.WriteMPInt(_g);
        }
        if (IsDh(kex))
        {
            w.WriteMPInt(clientPublic);
            w.WriteMPInt(serverPublic);
        }
        else
        {
            w.WriteString(clientPublic);
            w.WriteString(serverPublic);
        }
        w.WriteMPInt(shared);
        using var hash = IncrementalHash.CreateHash(kex.Hash);
        hash.AppendData(w.WrittenSpan);
        return hash.GetHashAndReset();
    }

    private static bool IsDh(KexInfo kex) => kex.Kind is KexKind.DhGroup or KexKind.DhGroupExchange;

    public void Dispose() => _agreement?.Dispose();
}
