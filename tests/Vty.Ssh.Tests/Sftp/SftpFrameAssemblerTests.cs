using System.Buffers.Binary;
using Vty.Ssh.Sftp;
using Vty.Ssh.Sftp.Protocol;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>
/// SFTP packets rebuilt from channel data cut anywhere: SSH packets split SFTP packets (a 64 KiB DATA
/// reply spans three) and join small ones, and a length field can itself be cut.
/// </summary>
public sealed class SftpFrameAssemblerTests
{
    private static byte[] Packet(byte type, params byte[] body)
    {
        byte[] packet = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + body.Length));
        packet[4] = type;
        body.CopyTo(packet, 5);
        return packet;
    }

    private static List<byte[]> Feed(SftpFrameAssembler assembler, IEnumerable<byte[]> pieces)
    {
        var frames = new List<byte[]>();
        foreach (byte[] piece in pieces)
        {
            ReadOnlySpan<byte> data = piece;
            while (!data.IsEmpty)
            {
                if (!assembler.TryTake(ref data, out SftpFrame frame)) continue;
                frames.Add([frame.Type, .. frame.Body]);
                frame.Release();
            }
        }
        return frames;
    }

    [Fact]
    public void PacketsComeOutWholeWhereverTheStreamIsCut()
    {
        byte[][] packets = [Packet(101, 0, 0, 0, 7, 0, 0, 0, 0), Packet(103, [.. Enumerable.Range(0, 300).Select(i => (byte)i)]), Packet(102, 1, 2, 3)];
        byte[] stream = [.. packets.SelectMany(p => p)];
        for (int first = 0; first <= stream.Length; first += 3)
        {
            for (int second = first; second <= stream.Length; second += 7)
            {
                var frames = Feed(new SftpFrameAssembler(1024), [stream[..first], stream[first..second], stream[second..]]);
                Assert.Equal(packets.Length, frames.Count);
                for (int i = 0; i < packets.Length; i++) Assert.Equal(packets[i][4..], frames[i]);
            }
        }
    }

    [Fact]
    public void ByteByByteStillWorks()
    {
        byte[] packet = Packet(104, 9, 8, 7, 6, 5);
        var frames = Feed(new SftpFrameAssembler(1024), packet.Select(b => new[] { b }));
        Assert.Equal([packet[4..]], frames);
    }

    [Fact]
    public void ALengthBeyondTheLimitOrZeroIsAProtocolError()
    {
        var assembler = new SftpFrameAssembler(1024);
        var tooLong = Assert.Throws<SftpProtocolException>(() => Feed(assembler, [[0, 0, 4, 1, 101]]));
        Assert.Contains("1025 bytes", tooLong.Message);
        Assert.Throws<SftpProtocolException>(() => Feed(new SftpFrameAssembler(1024), [[0, 0], [0, 0]]));
    }
}
