using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Keys;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>
/// The server's side of every supported kex family: answers KEXDH_INIT / KEX_ECDH_INIT, or
/// GEX_REQUEST then GEX_INIT (RFC 4419, groups from <see cref="KeyExchangeMath.SelectGroup"/>),
/// signing the exchange hash with the host key matching the negotiated algorithm.
/// </summary>
internal sealed class ServerKexFlow : IKexFlow
{
    private KexInfo? _kex;
    private IKeyAgreement? _agreement;
    private ExchangeHash.GroupExchange? _group;

    public ValueTask StartAsync(KexContext context, CancellationToken ct)
    {
        _kex = KeyExchangeMath.GetKex(context.Algorithms.Kex);
        if (_kex.Kind != KexKind.DhGroupExchange) _agreement = KeyExchangeMath.Create(_kex.Name);
        return ValueTask.CompletedTask; // the client speaks first
    }

    public async ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex ?? throw new InvalidOperationException("kex flow not started");
        if (kex.Kind == KexKind.DhGroupExchange && _group == null && number == SshMessageNumber.KexDhGexRequest)
        {
            await OnGroupRequestAsync(payload, context, ct);
            return;
        }
        byte expected = kex.Kind == KexKind.DhGroupExchange ? SshMessageNumber.KexDhGexInit : SshMessageNumber.KexDhInit;
        if (number != expected || _agreement == null)
            throw new SshProtocolException($"unexpected message {number} during {kex.Name} key exchange (expected {expected})");
        await OnInitAsync(payload, context, ct);
    }

    private async ValueTask OnGroupRequestAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        var r = new SshReader(payload.Span[1..]);
        int min = (int)Math.Min(r.ReadUInt32(), int.MaxValue);
        int preferred = (int)Math.Min(r.ReadUInt32(), int.MaxValue);
        int max = (int)Math.Min(r.ReadUInt32(), int.MaxValue);
        if (min > preferred || preferred > max)
            throw new SshProtocolException($"invalid group exchange request {min}/{preferred}/{max} bits");
        var (p, g) = KeyExchangeMath.SelectGroup(min, preferred, max);
        _group = new ExchangeHash.GroupExchange(min, preferred, max, p, g);
        _agreement = KeyExchangeMath.CreateDh(p, g);
        using var w = new SshWriter(1100);
        w.WriteByte(SshMessageNumber.KexDhGexGroup);
        w.WriteMPInt(p);
        w.WriteMPInt(g);
        await context.SendAsync(w.ToArray(), ct);
    }

    private async ValueTask OnInitAsync(ReadOnlyMemory<byte> payload, KexContext context, CancellationToken ct)
    {
        KexInfo kex = _kex!;
        IKeyAgreement agreement = _agreement!;
        byte[] clientPublic;
        {
            var r = new SshReader(payload.Span[1..]);
            clientPublic = ExchangeHash.UsesMPInts(kex) ? r.ReadMPIntMagnitude().ToArray() : r.ReadStringBytes().ToArray();
        }
        string algorithm = context.Algorithms.HostKey;
        SshPrivateKey hostKey = context.Settings.HostKeys.FirstOrDefault(k => k.PublicKey.SignatureAlgorithms.Contains(algorithm))
            ?? throw new SshException($"no host key can sign with the negotiated {algorithm}");
        byte[] shared = agreement.ComputeSharedSecret(clientPublic);
        byte[] hostKeyBlob = hostKey.PublicKey.Blob;
        byte[] exchangeHash = ExchangeHash.Compute(kex, context, hostKeyBlob, clientPublic, agreement.PublicValue, shared, _group);
        byte[] signature = hostKey.Sign(algorithm, exchangeHash);
        using (var w = new SshWriter(hostKeyBlob.Length + agreement.PublicValue.Length + signature.Length + 32))
        {
            w.WriteByte(kex.Kind == KexKind.DhGroupExchange ? SshMessageNumber.KexDhGexReply : SshMessageNumber.KexDhReply);
            w.WriteString(hostKeyBlob);
            if (ExchangeHash.UsesMPInts(kex)) w.WriteMPInt(agreement.PublicValue);
            else w.WriteString(agreement.PublicValue);
            w.WriteString(signature);
            await context.SendAsync(w.ToArray(), ct);
        }
        await context.CompleteAsync(shared, exchangeHash, hostKey.PublicKey, ct);
        CryptographicOperations.ZeroMemory(shared);
    }

    public void Dispose() => _agreement?.Dispose();
}
