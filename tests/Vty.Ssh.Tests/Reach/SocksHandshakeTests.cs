using Vty.Ssh.Forwarding;

namespace Vty.Ssh.Tests.Reach;

/// <summary>The SOCKS server side of -D with hand-made requests: what curl does not send (BIND, auth-only clients, IPv6).</summary>
public sealed class SocksHandshakeTests
{
    /// <summary>Reads from a fixed request, records the replies.</summary>
    private sealed class ScriptedStream(byte[] input) : Stream
    {
        private readonly MemoryStream _in = new(input);
        public MemoryStream Written { get; } = new();
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Socks5_connect_to_an_IPv6_address()
    {
        byte[] request = [5, 1, 0, 5, 1, 0, 4, .. new byte[15], 1, 0x1F, 0x90];
        var stream = new ScriptedStream(request);
        var socks = new SocksHandshake(stream);
        Assert.Equal(("::1", 8080), await socks.ReadRequestAsync(TestTimeouts.ShortToken()));
        Assert.Equal(new byte[] { 5, 0 }, stream.Written.ToArray());
    }

    [Fact]
    public async Task Socks5_bind_is_refused_as_command_not_supported()
    {
        var stream = new ScriptedStream([5, 1, 0, 5, 2, 0, 1, 10, 0, 0, 1, 0, 80]);
        Assert.Null(await new SocksHandshake(stream).ReadRequestAsync(TestTimeouts.ShortToken()));
        Assert.Equal(new byte[] { 5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0 }, stream.Written.ToArray());
    }

    [Fact]
    public async Task Socks5_client_offering_only_password_auth_gets_no_acceptable_method()
    {
        var stream = new ScriptedStream([5, 1, 2]);
        Assert.Null(await new SocksHandshake(stream).ReadRequestAsync(TestTimeouts.ShortToken()));
        Assert.Equal(new byte[] { 5, 0xFF }, stream.Written.ToArray());
    }

    [Fact]
    public async Task Socks4a_name_and_a_refusal_reply()
    {
        byte[] request = [4, 1, 0, 22, 0, 0, 0, 1, (byte)'u', 0, .. "router1"u8.ToArray(), 0];
        var stream = new ScriptedStream(request);
        var socks = new SocksHandshake(stream);
        Assert.Equal(("router1", 22), await socks.ReadRequestAsync(TestTimeouts.ShortToken()));
        await socks.ReplyAsync(false, TestTimeouts.ShortToken());
        Assert.Equal(new byte[] { 0, 0x5B, 0, 0, 0, 0, 0, 0 }, stream.Written.ToArray());
    }

    [Fact]
    public async Task Something_that_is_not_socks_is_an_io_error()
    {
        var stream = new ScriptedStream("GET / HTTP/1.1\r\n"u8.ToArray());
        await Assert.ThrowsAsync<IOException>(() => new SocksHandshake(stream).ReadRequestAsync(TestTimeouts.ShortToken()));
    }
}
