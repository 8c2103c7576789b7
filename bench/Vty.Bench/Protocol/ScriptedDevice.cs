using System.Globalization;
using System.Text;

namespace Vty.Bench.Protocol;

/// <summary>
/// The device end of an in-memory session: an IOS-like login dialog, then a command loop where
/// <c>bench-output BLOCKS</c> answers with <paramref name="payload"/>'s block repeated BLOCKS
/// times and the prompt. Anything else gets just the prompt.
/// </summary>
public sealed class ScriptedDevice(Stream stream, OutputPayload payload)
{
    private const string Prompt = "router#";
    private readonly byte[] _line = new byte[1024];

    /// <summary>Runs until the client closes the stream or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await WriteAsync("\r\n\r\nUser Access Verification\r\n\r\nUsername: ", cancellationToken);
        if (await ReadLineAsync(cancellationToken) is null)
            return;
        await WriteAsync("\r\nPassword: ", cancellationToken);
        if (await ReadLineAsync(cancellationToken) is null)
            return;
        await WriteAsync("\r\n" + Prompt, cancellationToken);
        while (await ReadLineAsync(cancellationToken) is { } command)
        {
            await WriteAsync(command + "\r\n", cancellationToken);
            string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["bench-output", var count])
            {
                long blocks = long.Parse(count, CultureInfo.InvariantCulture);
                for (long i = 0; i < blocks; i++)
                    await stream.WriteAsync(payload.Block, cancellationToken);
            }

            await WriteAsync(Prompt, cancellationToken);
        }
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    // One line ending in CR or LF (an LF right after a CR is skipped as the empty line it makes); null at end of stream.
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int length = 0;
        var one = new byte[1];
        while (true)
        {
            int n = await stream.ReadAsync(one, cancellationToken);
            if (n == 0)
                return null;
            byte b = one[0];
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (length == 0)
                    continue;
                return Encoding.Latin1.GetString(_line, 0, length);
            }

            if (length < _line.Length)
                _line[length++] = b;
        }
    }
}
