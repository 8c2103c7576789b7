using System.Security.Cryptography;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Sftp;

/// <summary>Random test files and their hashes; folders the SSH test user may write to.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SftpTestFiles
{
    /// <summary>A temp directory every user may write to (the real servers run the session as the test user).</summary>
    public static TempDirectory SharedDirectory(string prefix = "vty-sftp")
    {
        var dir = new TempDirectory(prefix);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0x1FF); // 0777
        return dir;
    }

    public static void MakeShared(string path) => File.SetUnixFileMode(path, (UnixFileMode)0x1FF);

    /// <summary>Writes <paramref name="size"/> random bytes (seeded, so a failure can be replayed) and returns their SHA-256.</summary>
    public static string CreateRandomFile(string path, long size, int seed = 1)
    {
        var random = new Random(seed);
        byte[] buffer = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            for (long left = size; left > 0;)
            {
                int n = (int)Math.Min(buffer.Length, left);
                random.NextBytes(buffer.AsSpan(0, n));
                file.Write(buffer, 0, n);
                hash.AppendData(buffer, 0, n);
                left -= n;
            }
        }
        MakeReadable(path);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static void MakeReadable(string path) => File.SetUnixFileMode(path, (UnixFileMode)0x1B6); // 0666

    public static string Sha256(string path)
    {
        using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
