using Vty.Fleet;

namespace Vty.Cli.Output;

/// <summary>
/// The <c>--json</c> result writer for a command's output. On the process's stdout it writes each
/// result line to the standard output stream in one call (opened once per process), where
/// <see cref="Console.Out"/> would flush every 256 characters: a system call per 256 characters of a
/// host's output. Other writers (tests capture output in a <see cref="StringWriter"/>) are written through.
/// </summary>
internal static class JsonLinesOutput
{
    private static readonly Lazy<Stream> StandardOutput = new(Console.OpenStandardOutput);

    public static JsonLinesResultWriter Create(TextWriter stdout)
    {
        if (!ReferenceEquals(stdout, Console.Out))
            return new JsonLinesResultWriter(stdout);
        // Whatever went through Console.Out before stays before the results. In JSON mode nothing
        // else writes to stdout during a run: tables, progress and notes go to stderr, or are off.
        stdout.Flush();
        return new JsonLinesResultWriter(StandardOutput.Value);
    }
}
