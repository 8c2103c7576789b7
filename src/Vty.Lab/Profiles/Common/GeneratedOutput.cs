using System.Globalization;

namespace Vty.Lab.Profiles.Common;

/// <summary>
/// The hidden <c>generate output &lt;bytes&gt;</c> command of every profile: deterministic lines
/// (numbered, 80 bytes each with CRLF) totalling the requested size, produced lazily so that tens
/// of megabytes cost no memory.
/// </summary>
internal static class GeneratedOutput
{
    public const int MaxBytes = 256 << 20;   // 256 MiB: enough for linear-cost checks at 100 MB, bounded for SSH exec collection
    private const string Filler = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnop";

    /// <summary>Lines whose text plus a two-byte line end add up to exactly <paramref name="bytes"/> (the last line may be shorter).</summary>
    public static IEnumerable<string> Lines(long bytes)
    {
        long remaining = bytes;
        long n = 0;
        while (remaining > 0)
        {
            n++;
            int lineBytes = (int)Math.Min(80, remaining);
            remaining -= lineBytes;
            int textLength = Math.Max(0, lineBytes - 2);
            string number = n.ToString("D10", CultureInfo.InvariantCulture) + " ";
            string text = (number + Filler)[..Math.Min(textLength, number.Length + Filler.Length)];
            yield return text;
        }
    }

    public static LabCommand Command(params string[] modes) =>
        new("generate output <bytes:number>", modes, ctx =>
        {
            long bytes = long.Parse(ctx.Arg("bytes"), CultureInfo.InvariantCulture);
            if (bytes > MaxBytes)
                return ctx.Invalid("bytes");
            return LabOutput.OfLines(Lines(bytes));
        }, hidden: true);
}
