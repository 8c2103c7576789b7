using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vty.Ssh.Server.Channels;

namespace Vty.Ssh.Tests.Server.Support;

/// <summary>
/// The programs the test server runs. Exec commands: <c>echo TEXT</c>, <c>stderr TEXT</c>,
/// <c>exit N</c>, <c>cat</c> (copies stdin to stdout), <c>sha256</c> (hash of stdin as hex),
/// <c>generate N</c> (N deterministic bytes), <c>whoami</c>, <c>env NAME</c>. A shell prints
/// "$ " and answers each line with "you said: LINE" until "exit".
/// </summary>
internal static class TestSessionHandler
{
    public static async Task<int> RunAsync(SshServerSessionChannel session, CancellationToken ct)
    {
        if (session.Kind == SshSessionKind.Shell) return await ShellAsync(session, ct);
        string command = session.Command ?? "";
        string verb = command.Split(' ', 2)[0];
        string argument = command.Length > verb.Length ? command[(verb.Length + 1)..] : "";
        switch (verb)
        {
            case "echo":
                await WriteAsync(session.Stream, argument + "\n", ct);
                return 0;
            case "stderr":
                await WriteAsync(session.StandardError, argument + "\n", ct);
                return 0;
            case "exit":
                return int.Parse(argument, CultureInfo.InvariantCulture);
            case "whoami":
                await WriteAsync(session.Stream, session.Connection.User + "\n", ct);
                return 0;
            case "env":
                await WriteAsync(session.Stream, (session.Environment.TryGetValue(argument, out var value) ? value : "") + "\n", ct);
                return 0;
            case "cat":
                await session.Stream.CopyToAsync(session.Stream, 32 * 1024, ct);
                return 0;
            case "sha256":
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
                    int n;
                    long total = 0;
                    while ((n = await session.Stream.ReadAsync(buffer, ct)) > 0)
                    {
                        hash.AppendData(buffer, 0, n);
                        total += n;
                    }
                    ArrayPool<byte>.Shared.Return(buffer);
                    await WriteAsync(session.Stream, $"{Convert.ToHexStringLower(hash.GetHashAndReset())} {total}\n", ct);
                    return 0;
                }
            case "generate":
                {
                    long count = long.Parse(argument, CultureInfo.InvariantCulture);
                    byte[] block = Generated(64 * 1024);
                    while (count > 0)
                    {
                        int n = (int)Math.Min(block.Length, count);
                        await session.Stream.WriteAsync(block.AsMemory(0, n), ct);
                        count -= n;
                    }
                    return 0;
                }
            default:
                await WriteAsync(session.StandardError, $"unknown command: {command}\n", ct);
                return 127;
        }
    }

    /// <summary>The deterministic bytes "generate N" sends, repeated in blocks.</summary>
    public static byte[] Generated(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 31 + 7);
        return bytes;
    }

    private static async Task<int> ShellAsync(SshServerSessionChannel session, CancellationToken ct)
    {
        string newline = session.Pty is null ? "\n" : "\r\n";
        await WriteAsync(session.Stream, $"terminal {session.Pty?.TerminalType ?? "none"} {session.Columns}x{session.Rows}{newline}$ ", ct);
        var line = new StringBuilder();
        var buffer = new byte[1024];
        int n;
        while ((n = await session.Stream.ReadAsync(buffer, ct)) > 0)
        {
            foreach (char c in Encoding.UTF8.GetString(buffer, 0, n))
            {
                if (c is '\r' or '\n')
                {
                    if (line.Length == 0) continue;
                    string text = line.ToString();
                    line.Clear();
                    if (text == "exit")
                    {
                        await WriteAsync(session.Stream, $"bye{newline}", ct);
                        return 0;
                    }
                    await WriteAsync(session.Stream, $"{newline}you said: {text}{newline}$ ", ct);
                }
                else
                {
                    line.Append(c);
                }
            }
        }
        return 3; // EOF without "exit"
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken ct) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
}
