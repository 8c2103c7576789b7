using System.Security.Cryptography;
using Vty.Ssh.Transport.KeyExchange;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Transport;

public sealed class SessionKeyDerivationTests
{
    [Fact]
    public void ExtendsBeyondOneHashAsRfc4253Section72Says()
    {
        byte[] k = [0x80, 1, 2, 3];
        byte[] h = SHA256.HashData("exchange"u8);
        byte[] sessionId = SHA256.HashData("session"u8);
        byte[] key = SessionKeyDerivation.Derive(HashAlgorithmName.SHA256, k, h, 'C', sessionId, 64);

        using var kMpint = new SshWriter();
        kMpint.WriteMPInt(k);
        byte[] k1 = SHA256.HashData([.. kMpint.WrittenSpan, .. h, (byte)'C', .. sessionId]);
        byte[] k2 = SHA256.HashData([.. kMpint.WrittenSpan, .. h, .. k1]);
        Assert.Equal([.. k1, .. k2], key);
        Assert.Equal(k1.AsSpan(0, 16).ToArray(), SessionKeyDerivation.Derive(HashAlgorithmName.SHA256, k, h, 'C', sessionId, 16));
    }
}
