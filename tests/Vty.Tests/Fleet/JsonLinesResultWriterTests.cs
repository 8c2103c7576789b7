using System.Text;
using System.Text.Json;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Tests.Fleet;

/// <summary>
/// The stream form of the JSON lines writer (what <c>vty run --json</c> uses on stdout) writes the
/// same bytes as the text-writer form over the console's UTF-8 writer did, one write per host.
/// </summary>
public sealed class JsonLinesResultWriterTests
{
    private static IReadOnlyList<HostResult> Results()
    {
        var started = new DateTimeOffset(2026, 12, 5, 12, 0, 0, 123, TimeSpan.Zero);
        return
        [
            new HostResult
            {
                Host = InventoryHost.FromUrl("ssh://admin:secret@r1:2222"),
                Driver = "ios",
                Results = [new CommandOutput("show version", "Cisco IOS <15.2> & \"more\"\nline two\ttab", TimeSpan.FromMilliseconds(12.9))],
                StartedAt = started,
                Elapsed = TimeSpan.FromMilliseconds(40.2),
            },
            new HostResult
            {
                // Non-ASCII device output: accents, CJK, an emoji (a surrogate pair), a control character.
                Host = InventoryHost.FromUrl("ssh://lab@zürich-core-1"),
                Driver = "vrp",
                Results = [new CommandOutput("display version", "Huawei Versatile Routing Platform — 版本 V200R021 ✓ 🚀 \u0007 café", TimeSpan.FromMilliseconds(7))],
                StartedAt = started,
                Elapsed = TimeSpan.FromMilliseconds(19),
            },
            new HostResult
            {
                Host = InventoryHost.FromUrl("telnet://10.0.0.9"),
                Failure = FailureKind.Unreachable,
                Error = "could not connect to 10.0.0.9:23: connection refused",
                StartedAt = started,
                Elapsed = TimeSpan.FromMilliseconds(3),
            },
            HostResult.NotStarted(InventoryHost.FromUrl("ssh://never")),
        ];
    }

    [Fact]
    public async Task The_stream_form_writes_the_bytes_the_console_writer_wrote()
    {
        IReadOnlyList<HostResult> results = Results();
        // What Console.Out on Linux is: a UTF-8 writer without a byte order mark that flushes every write.
        using var before = new MemoryStream();
        await using (var console = new StreamWriter(before, new UTF8Encoding(false), 256, leaveOpen: true) { AutoFlush = true })
        {
            var old = new JsonLinesResultWriter(console);
            foreach (HostResult r in results) await WriteAsync(old, r);
        }
        using var after = new CountingStream();
        var writer = new JsonLinesResultWriter(after);
        foreach (HostResult r in results) await WriteAsync(writer, r);

        Assert.Equal(before.ToArray(), after.ToArray());
        Assert.Equal(results.Count, after.Writes);
        Assert.Equal(results.Count, after.Flushes);
        string[] lines = Encoding.UTF8.GetString(after.ToArray()).Split(Environment.NewLine);
        Assert.Equal(results.Count + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        for (int i = 0; i < results.Count; i++)
        {
            using JsonDocument line = JsonDocument.Parse(lines[i]);
            Assert.Equal(results[i].Host.Name, line.RootElement.GetProperty("host").GetString());
            Assert.Equal(results[i].Status, line.RootElement.GetProperty("status").GetString());
        }
        using JsonDocument accented = JsonDocument.Parse(lines[1]);
        Assert.Contains("版本 V200R021 ✓ 🚀", accented.RootElement.GetProperty("results")[0].GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_of_megabytes_is_written_whole_and_the_next_one_after_it()
    {
        string big = new('x', 3 * 1024 * 1024);
        HostResult large = Results()[0] with { Results = [new CommandOutput("show tech-support", big, TimeSpan.Zero)] };
        using var output = new CountingStream();
        var writer = new JsonLinesResultWriter(output);
        await WriteAsync(writer, large);
        await WriteAsync(writer, Results()[2]);

        string[] lines = Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        using (JsonDocument first = JsonDocument.Parse(lines[0]))
            Assert.Equal(big, first.RootElement.GetProperty("results")[0].GetProperty("output").GetString());
        using (JsonDocument second = JsonDocument.Parse(lines[1]))
            Assert.Equal("unreachable", second.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, output.Writes);
    }

    private static ValueTask WriteAsync(JsonLinesResultWriter writer, HostResult result) =>
        result.Status == HostStatus.Of(FailureKind.NotStarted)
            ? writer.HostNotStartedAsync(result, CancellationToken.None)
            : writer.HostFinishedAsync(result, CancellationToken.None);

    /// <summary>A memory stream that counts the writes and flushes it is given (the writer writes asynchronously only).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }
        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
