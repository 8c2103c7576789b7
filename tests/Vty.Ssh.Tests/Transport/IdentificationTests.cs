using System.Text;
using Vty.Ssh.Algorithms;
using Vty.Ssh.Transport;

namespace Vty.Ssh.Tests.Transport;

public sealed class IdentificationTests
{
    private static Task<string> ReadAsync(string input, bool allowPreamble = true)
    {
        var reader = new SshPacketReader(new MemoryStream(Encoding.Latin1.GetBytes(input)), PacketProtection.CreateNoneDecryptor());
        return SshIdentification.ReadAsync(reader, allowPreamble, TestTimeouts.ShortToken());
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "SSH-2.0-OpenSSH_9.2p1 Debian-2")]
    [InlineData("SSH-2.0-dropbear\n", "SSH-2.0-dropbear")]
    [InlineData("SSH-1.99-Cisco-1.25\r\n", "SSH-1.99-Cisco-1.25")]
    [InlineData("banner line\r\nanother\nSSH-2.0-X\r\n", "SSH-2.0-X")]
    public async Task ReadsTheIdentification(string input, string expected) => Assert.Equal(expected, await ReadAsync(input));

    [Fact]
    public async Task ServerRoleRefusesPreambleLines()
    {
        var e = await Assert.ThrowsAsync<SshProtocolException>(() => ReadAsync("hello\r\nSSH-2.0-X\r\n", allowPreamble: false));
        Assert.Contains("not an SSH identification", e.Message);
    }

    [Fact]
    public async Task LineOfExactly255BytesIsAcceptedAnd256IsNot()
    {
        string ok = "SSH-2.0-" + new string('a', 255 - 10) + "\r\n";
        Assert.Equal(255, ok.Length);
        Assert.Equal(ok.TrimEnd(), await ReadAsync(ok));
        string tooLong = "SSH-2.0-" + new string('a', 256 - 10) + "\r\n";
        await Assert.ThrowsAsync<SshProtocolException>(() => ReadAsync(tooLong));
    }

    [Fact]
    public async Task ControlCharactersAreRefused() =>
        await Assert.ThrowsAsync<SshProtocolException>(() => ReadAsync("SSH-2.0-bad\u0007name\r\n"));

    [Fact]
    public async Task EndOfStreamIsADisconnect() =>
        await Assert.ThrowsAsync<SshDisconnectedException>(() => ReadAsync("SSH-2.0-no-newline"));
}
