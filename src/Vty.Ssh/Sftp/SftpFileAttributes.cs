using Vty.Ssh.Sftp.Protocol;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Sftp;

/// <summary>
/// File attributes as SFTP version 3 carries them; every field is optional (null: not sent).
/// <see cref="Permissions"/> holds the full st_mode, file type bits included.
/// </summary>
public sealed record SftpFileAttributes
{
    private const uint FlagSize = 0x1, FlagUidGid = 0x2, FlagPermissions = 0x4, FlagTimes = 0x8, FlagExtended = 0x80000000;
    private const uint TypeMask = 0xF000, TypeDirectory = 0x4000, TypeRegular = 0x8000, TypeSymlink = 0xA000;

    /// <summary>Size in bytes.</summary>
    public long? Size { get; init; }

    public uint? UserId { get; init; }

    public uint? GroupId { get; init; }

    /// <summary>st_mode: type bits (0xF000) and permission bits (07777).</summary>
    public uint? Permissions { get; init; }

    public DateTimeOffset? LastAccessTime { get; init; }

    public DateTimeOffset? LastWriteTime { get; init; }

    /// <summary>Extended attributes (name, data), as some servers send them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    public bool IsDirectory => (Permissions & TypeMask) == TypeDirectory;

    public bool IsRegularFile => (Permissions & TypeMask) == TypeRegular;

    public bool IsSymbolicLink => (Permissions & TypeMask) == TypeSymlink;

    /// <summary>The permission bits only (e.g. 0644), as a .NET <see cref="UnixFileMode"/>.</summary>
    public UnixFileMode? Mode => Permissions is { } p ? (UnixFileMode)(p & 0xFFF) : null;

    /// <summary>Attributes with just the permission bits, for mkdir/open/setstat.</summary>
    public static SftpFileAttributes WithMode(UnixFileMode mode) => new() { Permissions = (uint)mode & 0xFFF };

    internal static SftpFileAttributes Read(ref SshReader reader)
    {
        uint flags = reader.ReadUInt32();
        long? size = (flags & FlagSize) != 0 ? (long)reader.ReadUInt64() : null;
        uint? uid = null, gid = null;
        if ((flags & FlagUidGid) != 0)
        {
            uid = reader.ReadUInt32();
            gid = reader.ReadUInt32();
        }
        uint? permissions = (flags & FlagPermissions) != 0 ? reader.ReadUInt32() : null;
        DateTimeOffset? atime = null, mtime = null;
        if ((flags & FlagTimes) != 0)
        {
            atime = DateTimeOffset.FromUnixTimeSeconds(reader.ReadUInt32());
            mtime = DateTimeOffset.FromUnixTimeSeconds(reader.ReadUInt32());
        }
        var extensions = new List<KeyValuePair<string, string>>();
        if ((flags & FlagExtended) != 0)
        {
            uint count = reader.ReadUInt32();
            if (count > 1024) throw new SftpProtocolException($"attributes with {count} extensions (at most 1024 accepted)");
            for (uint i = 0; i < count; i++)
                extensions.Add(new(reader.ReadString(), reader.ReadString()));
        }
        return new SftpFileAttributes
        {
            Size = size,
            UserId = uid,
            GroupId = gid,
            Permissions = permissions,
            LastAccessTime = atime,
            LastWriteTime = mtime,
            Extensions = extensions,
        };
    }

    internal void Write(SftpPacketBuilder w)
    {
        uint flags = 0;
        if (Size != null) flags |= FlagSize;
        if (UserId != null && GroupId != null) flags |= FlagUidGid;
        if (Permissions != null) flags |= FlagPermissions;
        // Version 3 sends both times or neither: a missing one takes the other's value.
        if (LastAccessTime != null || LastWriteTime != null) flags |= FlagTimes;
        if (Extensions.Count > 0) flags |= FlagExtended;
        w.WriteUInt32(flags);
        if (Size is { } size) w.WriteUInt64((ulong)size);
        if ((flags & FlagUidGid) != 0)
        {
            w.WriteUInt32(UserId!.Value);
            w.WriteUInt32(GroupId!.Value);
        }
        if (Permissions is { } p) w.WriteUInt32(p);
        if ((flags & FlagTimes) != 0)
        {
            w.WriteUInt32(ToUnix(LastAccessTime ?? LastWriteTime!.Value));
            w.WriteUInt32(ToUnix(LastWriteTime ?? LastAccessTime!.Value));
        }
        if (Extensions.Count > 0)
        {
            w.WriteUInt32((uint)Extensions.Count);
            foreach (var (name, data) in Extensions)
            {
                w.WriteString(name);
                w.WriteString(data);
            }
        }
    }

    private static uint ToUnix(DateTimeOffset time) => (uint)Math.Clamp(time.ToUnixTimeSeconds(), 0, uint.MaxValue);
}
