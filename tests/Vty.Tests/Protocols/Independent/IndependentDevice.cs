using System.Collections.Concurrent;
using System.Text;

namespace Vty.Tests.Protocols.Independent;

/// <summary>
/// One session of an independent-style scripted device: an optional in-band login, a prompt per
/// privilege level, a pager, the platform's own error text, and one command whose output is written
/// in two pieces, the first ending in a line shaped like another host's prompt.
/// </summary>
internal sealed class IndependentDevice(IndependentStyle style)
{
    /// <summary>Between the two writes of the split output: long enough for the client to scan the first alone.</summary>
    private static readonly TimeSpan SplitPause = TimeSpan.FromMilliseconds(300);

    public IndependentStyle Style { get; } = style;

    /// <summary>Every command line any session received, in order (what probing sent).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public async Task RunAsync(Stream stream, bool loginDialog, CancellationToken ct)
    {
        var io = new LineReader(stream);
        if (loginDialog && !await LogInAsync(io, ct))
            return;
        bool privileged = Style.EnabledPrompt is null;
        bool paging = Style.PagingOffCommand is not null;
        await io.WriteAsync(Prompt(privileged), ct);
        while (await io.ReadLineAsync(echo: true, ct) is { } line)
        {
            string command = line.Trim();
            Received.Enqueue(command);
            if (command is "exit" or "quit" or "logout")
                return;
            if (command.Length == 0 || Style.Silent.Contains(command))
            {
            }
            else if (command == "enable" && Style.EnabledPrompt is not null)
            {
                privileged = await EnableAsync(io, ct) || privileged;
            }
            else if (command == "disable" && Style.EnabledPrompt is not null)
            {
                privileged = false;
            }
            else if (command == Style.PagingOffCommand)
            {
                paging = false;
            }
            else if (command == Style.SplitOutput.Command)
            {
                await io.WriteAsync(Crlf(Style.SplitOutput.Before), ct);
                await Task.Delay(SplitPause, ct);
                await io.WriteAsync(Crlf(Style.SplitOutput.After), ct);
            }
            else if (Style.Outputs.TryGetValue(command, out string? output))
            {
                await WritePagedAsync(io, output, paging, ct);
            }
            else
            {
                string first = command.Split(' ')[0];
                await io.WriteAsync(Crlf(string.Format(System.Globalization.CultureInfo.InvariantCulture, Style.UnknownCommand, command, first)), ct);
            }

            await io.WriteAsync(Prompt(privileged), ct);
        }
    }

    private string Prompt(bool privileged) => privileged && Style.EnabledPrompt is { } enabled ? enabled : Style.UserPrompt;

    private async Task<bool> LogInAsync(LineReader io, CancellationToken ct)
    {
        await io.WriteAsync(Style.TelnetBanner + Style.LoginPrompt, ct);
        for (int attempt = 0; attempt < 3;)
        {
            if (await io.ReadLineAsync(echo: true, ct) is not { } user)
                return false;
            if (user.Length == 0)
            {
                await io.WriteAsync(Style.LoginPrompt, ct);
                continue;
            }

            await io.WriteAsync("Password: ", ct);
            if (await io.ReadLineAsync(echo: false, ct) is not { } password)
                return false;
            await io.WriteAsync("\r\n", ct);
            if (user == "lab" && password == "lab")
            {
                await io.WriteAsync(Style.Motd, ct);
                return true;
            }

            attempt++;
            await io.WriteAsync("Login incorrect\r\n" + Style.LoginPrompt, ct);
        }

        return false;
    }

    private async Task<bool> EnableAsync(LineReader io, CancellationToken ct)
    {
        if (Style.EnablePassword is null)
            return true;
        await io.WriteAsync("Password: ", ct);
        string? password = await io.ReadLineAsync(echo: false, ct);
        await io.WriteAsync("\r\n", ct);
        if (password == Style.EnablePassword)
            return true;
        await io.WriteAsync("% Access denied\r\n\r\n", ct);
        return false;
    }

    private async Task WritePagedAsync(LineReader io, string output, bool paging, CancellationToken ct)
    {
        string[] lines = output.Split('\n');
        int at = 0;
        while (at < lines.Length)
        {
            int take = paging ? Math.Min(Style.PageLines, lines.Length - at) : lines.Length - at;
            await io.WriteAsync(string.Join("\r\n", lines, at, take) + "\r\n", ct);
            at += take;
            if (at >= lines.Length)
                return;
            await io.WriteAsync(Style.Pager, ct);
            int key = await io.ReadKeyAsync(ct);
            // The pager line is erased the way devices do it: back to column 0, blanks, back again.
            await io.WriteAsync("\r" + new string(' ', Style.Pager.Length) + "\r", ct);
            if (key is < 0 or 'q' or 'Q')
                return;
        }
    }

    private static string Crlf(string text) => text.Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>Reads lines the way a device's line discipline does: CR ends a line; a following LF or NUL is dropped.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1024];
        private int _start;
        private int _end;
        private bool _afterCr;

        public async Task WriteAsync(string text, CancellationToken ct)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await stream.FlushAsync(ct);
        }

        public async Task<int> ReadKeyAsync(CancellationToken ct)
        {
            while (true)
            {
                if (_start == _end && !await FillAsync(ct))
                    return -1;
                byte b = _buffer[_start++];
                if (_afterCr && b is (byte)'\n' or 0)
                {
                    _afterCr = false;
                    continue;
                }

                _afterCr = b == '\r';
                return b;
            }
        }

        public async Task<string?> ReadLineAsync(bool echo, CancellationToken ct)
        {
            var line = new StringBuilder();
            while (true)
            {
                int b = await ReadKeyAsync(ct);
                if (b < 0)
                    return null;
                if (b is '\r' or '\n')
                {
                    if (echo)
                        await WriteAsync(line + "\r\n", ct);
                    return line.ToString();
                }

                line.Append((char)b);
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct);
            return _end > 0;
        }
    }
}
