using System.Text;

namespace Vty.Telnet.Tests.Infrastructure;

/// <summary>Reads a Telnet client's text until a marker appears (a tiny "expect" for tests).</summary>
internal sealed class TextWaiter
{
    private readonly TelnetClient _client;
    private readonly StringBuilder _seen = new();

    public TextWaiter(TelnetClient client) => _client = client;

    public string Seen => _seen.ToString();

    /// <summary>Reads until <paramref name="marker"/> shows up after the last consumed position; returns the text up to and including it.</summary>
    public async Task<string> ReadUntilAsync(string marker, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeouts.Login);
        while (true)
        {
            var index = _seen.ToString().IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                var text = _seen.ToString(0, index + marker.Length);
                _seen.Remove(0, index + marker.Length);
                return text;
            }

            string? chunk;
            try
            {
                chunk = await _client.ReadTextAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{marker}' not received in time; got: {Seen}");
            }

            if (chunk is null)
            {
                throw new EndOfStreamException($"Connection closed before '{marker}'; got: {Seen}");
            }

            _seen.Append(chunk);
        }
    }
}
