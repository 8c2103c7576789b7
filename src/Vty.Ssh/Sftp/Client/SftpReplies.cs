using Vty.Ssh.Sftp.Protocol;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Sftp.Client;

/// <summary>Decodes the replies of <see cref="SftpClient"/>'s requests; each releases the frame.</summary>
internal static class SftpReplies
{
    public static void Status(SftpFrame frame, string operation, string? path)
    {
        try
        {
            if (frame.Type != SftpPacketType.Status) throw Unexpected(frame, operation);
            (SftpStatusCode code, string message) = ReadStatus(frame);
            if (code != SftpStatusCode.Ok) throw SftpException.FromStatus(code, message, operation, path);
        }
        finally
        {
            frame.Release();
        }
    }

    public static byte[] Handle(SftpFrame frame, string operation, string path)
    {
        try
        {
            ThrowIfStatus(frame, operation, path);
            if (frame.Type != SftpPacketType.Handle) throw Unexpected(frame, operation);
            var reader = Payload(frame);
            ReadOnlySpan<byte> handle = reader.ReadStringBytes();
            if (handle.Length > 256) throw new SftpProtocolException($"the server's handle for {path} is {handle.Length} bytes (at most 256 allowed)");
            return handle.ToArray();
        }
        finally
        {
            frame.Release();
        }
    }

    public static SftpFileAttributes Attributes(SftpFrame frame, string operation, string? path)
    {
        try
        {
            ThrowIfStatus(frame, operation, path);
            if (frame.Type != SftpPacketType.Attrs) throw Unexpected(frame, operation);
            var reader = Payload(frame);
            return SftpFileAttributes.Read(ref reader);
        }
        finally
        {
            frame.Release();
        }
    }

    /// <summary>The names of a NAME reply, or null for an EOF status (end of a directory).</summary>
    public static List<SftpDirectoryEntry>? Names(SftpFrame frame, string operation, string? path)
    {
        try
        {
            if (frame.Type == SftpPacketType.Status && ReadStatus(frame).Code == SftpStatusCode.Eof) return null;
            ThrowIfStatus(frame, operation, path);
            if (frame.Type != SftpPacketType.Name) throw Unexpected(frame, operation);
            var reader = Payload(frame);
            uint count = reader.ReadUInt32();
            if (count > (uint)frame.Length / 9) throw new SftpProtocolException($"a NAME reply claims {count} names in {frame.Length} bytes");
            var names = new List<SftpDirectoryEntry>((int)count);
            for (uint i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                string longName = reader.ReadString();
                names.Add(new SftpDirectoryEntry(name, longName, SftpFileAttributes.Read(ref reader)));
            }
            return names;
        }
        finally
        {
            frame.Release();
        }
    }

    /// <summary>The single name of a realpath/readlink reply.</summary>
    public static string Name(SftpFrame frame, string operation, string path)
    {
        List<SftpDirectoryEntry>? names = Names(frame, operation, path);
        if (names is not { Count: 1 }) throw new SftpProtocolException($"{operation} {path}: the server answered with {names?.Count ?? 0} names instead of 1");
        return names[0].Name;
    }

    /// <summary>Copies the data of a DATA reply; 0 for an EOF status.</summary>
    public static int Data(SftpFrame frame, Span<byte> destination, string path)
    {
        try
        {
            ReadOnlySpan<byte> data = DataSpan(frame, path);
            if (data.Length > destination.Length) throw new SftpProtocolException($"read {path}: the server sent {data.Length} bytes, more than the {destination.Length} asked for");
            data.CopyTo(destination);
            return data.Length;
        }
        finally
        {
            frame.Release();
        }
    }

    /// <summary>The data of a DATA reply (empty for an EOF status), a view into the frame: release the frame after use.</summary>
    public static ReadOnlySpan<byte> DataSpan(SftpFrame frame, string path)
    {
        if (frame.Type == SftpPacketType.Status && ReadStatus(frame).Code == SftpStatusCode.Eof) return [];
        ThrowIfStatus(frame, "read", path);
        if (frame.Type != SftpPacketType.Data) throw Unexpected(frame, "read");
        var reader = new SshReader(frame.Body[4..]);
        ReadOnlySpan<byte> data = reader.ReadStringBytes();
        if (data.IsEmpty) throw new SftpProtocolException($"read {path}: the server sent an empty DATA reply instead of EOF");
        return data;
    }

    /// <summary>Like <see cref="DataSpan"/>, as memory for an asynchronous write.</summary>
    public static ReadOnlyMemory<byte> DataMemory(SftpFrame frame, string path)
    {
        int length = DataSpan(frame, path).Length;
        return length == 0 ? ReadOnlyMemory<byte>.Empty : frame.BodyMemory(8, length);
    }

    public static bool IsEof(SftpFrame frame) => frame.Type == SftpPacketType.Status && ReadStatus(frame).Code == SftpStatusCode.Eof;

    public static byte[] ExtendedReply(SftpFrame frame, string operation, string? path)
    {
        try
        {
            ThrowIfStatus(frame, operation, path);
            if (frame.Type != SftpPacketType.ExtendedReply) throw Unexpected(frame, operation);
            return frame.Body[4..].ToArray();
        }
        finally
        {
            frame.Release();
        }
    }

    public static (SftpStatusCode Code, string Message) ReadStatus(SftpFrame frame)
    {
        var reader = Payload(frame);
        var code = (SftpStatusCode)reader.ReadUInt32();
        // Some old servers stop after the code.
        string message = reader.AtEnd ? "" : reader.ReadString();
        return (code, message);
    }

    private static void ThrowIfStatus(SftpFrame frame, string operation, string? path)
    {
        if (frame.Type != SftpPacketType.Status) return;
        (SftpStatusCode code, string message) = ReadStatus(frame);
        throw code == SftpStatusCode.Ok
            ? new SftpProtocolException($"{operation}: the server answered OK where it should have sent data")
            : SftpException.FromStatus(code, message, operation, path);
    }

    private static SshReader Payload(SftpFrame frame) => new(frame.Body[4..]);

    private static SftpProtocolException Unexpected(SftpFrame frame, string operation) =>
        new($"{operation}: the server answered with an unexpected packet type {frame.Type}");
}
