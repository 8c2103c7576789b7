using System.CommandLine;
using System.Text;
using Vty.Drivers;
using Vty.Text;

namespace Vty.Cli.Commands;

/// <summary>
/// <c>vty driver guess FILE</c>: reads a login transcript (banner through the first prompt),
/// prints how each candidate scored, and the guessed driver name alone on the last line.
/// </summary>
internal static class DriverGuessCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Login transcript (raw bytes as received, or text); '-' reads stdin." };
        var remoteVersion = new Option<string?>("--remote-version")
        {
            Description = "SSH server version string, e.g. SSH-2.0-Cisco-1.25.",
            HelpName = "TEXT",
        };
        Option<string?> drivers = DriverCatalogOption.Create();
        var command = new Command("guess", "Guess the driver from a login transcript; the name is the last line of output.");
        command.Arguments.Add(file);
        command.Options.Add(remoteVersion);
        command.Options.Add(drivers);
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(file)!;
            DriverCatalog catalog;
            byte[] bytes;
            try
            {
                catalog = DriverCatalogOption.Load(parse.GetValue(drivers));
                bytes = path == "-"
                    ? await ReadAllAsync(Console.OpenStandardInput(), cancellationToken).ConfigureAwait(false)
                    : await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (VtyDriverException e)
            {
                stderr.WriteLine($"vty: {e.Message}");
                stderr.WriteLine("hint: fix the driver file; the format is in docs/drivers.md");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"vty: cannot read '{path}': {e.Message}");
                return 2;
            }

            var guesser = new OsGuesser(catalog);
            guesser.SetRemoteVersion(parse.GetValue(remoteVersion));
            string cleaned = TerminalCleaner.Clean(Decode(bytes));
            guesser.Feed(cleaned);

            int lastNewline = cleaned.TrimEnd().LastIndexOf('\n');
            stdout.WriteLine($"transcript: {path} ({bytes.Length} bytes)");
            stdout.WriteLine($"last line:  {cleaned.TrimEnd()[(lastNewline + 1)..]}");
            if (guesser.Candidates.Count == 0)
                stdout.WriteLine("no platform signal matched; using the generic driver");
            foreach (OsGuessCandidate candidate in guesser.Candidates)
            {
                stdout.WriteLine($"{candidate.Confidence,4}  {candidate.Driver.Name}  ({candidate.Driver.Description})");
                foreach (OsGuessSignal signal in candidate.MatchedSignals)
                    stdout.WriteLine($"        {signal.Confidence,3}  {(signal.Source == OsGuessSource.RemoteVersion ? "version " : "")}/{signal.Pattern}/");
            }

            (Driver best, int confidence) = guesser.Best;
            stdout.WriteLine($"guess: {best.Name} (confidence {confidence})");
            stdout.WriteLine(best.Name);
            return 0;
        });
        return command;
    }

    // Transcripts are usually UTF-8 or plain ASCII; anything else is taken byte for byte (Latin-1).
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
