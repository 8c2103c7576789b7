using System.Numerics;
using System.Security.Cryptography;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport.KeyExchange;

/// <summary>
/// The exchange hash H (RFC 4253 §8, RFC 4419 §3, RFC 5656 §4, RFC 8731 §3), computed the same
/// way by both roles: the DH families carry e/f as mpints, the elliptic ones Q_C/Q_S as strings,
/// and the hybrid KEM methods their values and K as strings.
/// </summary>
internal static class ExchangeHash
{
    /// <summary>Group exchange parameters that enter the hash (null for the other families).</summary>
    public sealed record GroupExchange(int Min, int Preferred, int Max, BigInteger P, BigInteger G);

    public static bool UsesMPInts(KexInfo kex) => kex.Kind is KexKind.DhGroup or KexKind.DhGroupExchange;

    public static byte[] Compute(KexInfo kex, KexContext context, ReadOnlySpan<byte> hostKeyBlob, ReadOnlySpan<byte> clientPublic,
        ReadOnlySpan<byte> serverPublic, ReadOnlySpan<byte> sharedSecret, GroupExchange? groupExchange)
    {
        using var w = new SshWriter(4096);
        w.WriteString(context.ClientIdentification);
        w.WriteString(context.ServerIdentification);
        w.WriteString(context.ClientKexInit);
        w.WriteString(context.ServerKexInit);
        w.WriteString(hostKeyBlob);
        if (groupExchange != null)
        {
            w.WriteUInt32((uint)groupExchange.Min);
            w.WriteUInt32((uint)groupExchange.Preferred);
            w.WriteUInt32((uint)groupExchange.Max);
            w.WriteMPInt(groupExchange.P);
            w.WriteMPInt(groupExchange.G);
        }
        if (UsesMPInts(kex))
        {
            w.WriteMPInt(clientPublic);
            w.WriteMPInt(serverPublic);
        }
        else
        {
            w.WriteString(clientPublic);
            w.WriteString(serverPublic);
        }
        if (kex.SecretIsString) w.WriteString(sharedSecret);
        else w.WriteMPInt(sharedSecret);
        using var hash = IncrementalHash.CreateHash(kex.Hash);
        hash.AppendData(w.WrittenSpan);
        return hash.GetHashAndReset();
    }
}
