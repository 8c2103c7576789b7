using System.Security.Cryptography;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Transport;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 §7.1): the ten algorithm name-lists of one side.</summary>
public sealed record KexInitMessage(
    IReadOnlyList<string> KexAlgorithms,
    IReadOnlyList<string> HostKeyAlgorithms,
    IReadOnlyList<string> CiphersClientToServer,
    IReadOnlyList<string> CiphersServerToClient,
    IReadOnlyList<string> MacsClientToServer,
    IReadOnlyList<string> MacsServerToClient,
    IReadOnlyList<string> CompressionClientToServer,
    IReadOnlyList<string> CompressionServerToClient,
    bool FirstKexPacketFollows)
{
    /// <summary>Encodes the message with a fresh random cookie.</summary>
    public byte[] Encode()
    {
        using var w = new SshWriter(1024);
        w.WriteByte(SshMessageNumber.KexInit);
        RandomNumberGenerator.Fill(w.GetSpan(16));
        w.WriteNameList(KexAlgorithms);
        w.WriteNameList(HostKeyAlgorithms);
        w.WriteNameList(CiphersClientToServer);
        w.WriteNameList(CiphersServerToClient);
        w.WriteNameList(MacsClientToServer);
        w.WriteNameList(MacsServerToClient);
        w.WriteNameList(CompressionClientToServer);
        w.WriteNameList(CompressionServerToClient);
        w.WriteNameList([]);
        w.WriteNameList([]);
        w.WriteBoolean(FirstKexPacketFollows);
        w.WriteUInt32(0);
        return w.ToArray();
    }

    /// <summary>Parses a KEXINIT payload (message number included).</summary>
    public static KexInitMessage Decode(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        if (r.ReadByte() != SshMessageNumber.KexInit)
            throw new SshProtocolException("expected SSH_MSG_KEXINIT");
        r.ReadRaw(16);
        var message = new KexInitMessage(r.ReadNameList(), r.ReadNameList(), r.ReadNameList(), r.ReadNameList(),
            r.ReadNameList(), r.ReadNameList(), r.ReadNameList(), r.ReadNameList(), false);
        r.ReadNameList();
        r.ReadNameList();
        return message with { FirstKexPacketFollows = r.ReadBoolean() };
    }
}
