using System.Text;

namespace Vty.Lab.Tests;

/// <summary>A tiny client for tests: talks to an emulated device over an in-memory duplex, with a timeout on every wait.</summary>
internal sealed class TestTerminal : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Stream _client;
    private readonly StringBuilder _received = new();
    private readonly byte[] _buffer = new byte[8192];
    private readonly CancellationTokenSource _life = new();
    private int _consumed;
    private int _scanned;
    private bool _eof;

    private TestTerminal(Stream client, EmulatedDevice device)
    {
        _client = client;
        Device = device;
    }

    public Task<int> Session { get; private set; } = Task.FromResult(0);
    public EmulatedDevice Device { get; }

    /// <summary>Everything received so far.</summary>
    public string All => _received.ToString();

    public static TestTerminal Start(string profile, LabDeviceOptions? options = null, LabSessionStart? start = null, EmulatedDevice? device = null)
    {
        device ??= new EmulatedDevice(DeviceProfiles.Get(profile), options ?? new LabDeviceOptions());
        (Stream client, Stream deviceSide) = InMemoryDuplex.CreatePair();
        var terminal = new TestTerminal(client, device);
        terminal.Session = device.RunSessionAsync(deviceSide, start ?? new LabSessionStart(), terminal._life.Token);
        return terminal;
    }

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _client.WriteAsync(Encoding.Latin1.GetBytes(text), cts.Token);
    }

    /// <summary>Waits until <paramref name="text"/> arrives; returns what arrived since the last wait, up to and including it.</summary>
    public async Task<string> ExpectAsync(string text, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        _scanned = _consumed;
        while (true)
        {
            // Scan only what is new since the last look (plus an overlap), so megabytes stay linear.
            int from = Math.Max(_consumed, _scanned - text.Length);
            int at = _received.ToString(from, _received.Length - from).IndexOf(text, StringComparison.Ordinal);
            _scanned = _received.Length;
            if (at >= 0)
            {
                int end = from + at + text.Length;
                string result = _received.ToString(_consumed, end - _consumed);
                _consumed = end;
                return result;
            }
            if (_eof)
                throw new Xunit.Sdk.XunitException($"End of stream while waiting for '{Escape(text)}'. Received: '{Escape(Tail())}'");
            try
            {
                int n = await _client.ReadAsync(_buffer, cts.Token);
                if (n == 0)
                    _eof = true;
                else
                    _received.Append(Encoding.Latin1.GetString(_buffer, 0, n));
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for '{Escape(text)}'. Received: '{Escape(Tail())}'");
            }
        }
    }

    /// <summary>Sends a command with CR and returns the text up to and including <paramref name="prompt"/>.</summary>
    public async Task<string> RunAsync(string command, string prompt)
    {
        await SendAsync(command + "\r");
        return await ExpectAsync(prompt);
    }

    /// <summary>Reads until the device closes the stream; returns what arrived since the last wait.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!_eof)
        {
            try
            {
                int n = await _client.ReadAsync(_buffer, cts.Token);
                if (n == 0)
                    _eof = true;
                else
                    _received.Append(Encoding.Latin1.GetString(_buffer, 0, n));
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for the end of stream. Received: '{Escape(Tail())}'");
            }
        }
        string rest = _received.ToString(_consumed, _received.Length - _consumed);
        _consumed = _received.Length;
        return rest;
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/> (used only to check a hung device stays silent).</summary>
    public async Task<bool> StaysSilentAsync(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            int n = await _client.ReadAsync(_buffer, cts.Token);
            if (n > 0)
                _received.Append(Encoding.Latin1.GetString(_buffer, 0, n));
            else
                _eof = true;
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task<int> WaitSessionAsync()
    {
        Task done = await Task.WhenAny(Session, Task.Delay(DefaultTimeout));
        if (done != Session)
            throw new Xunit.Sdk.XunitException("The device session did not end.");
        return await Session;
    }

    private string Tail()
    {
        string all = _received.ToString();
        return all.Length > 400 ? all[^400..] : all;
    }

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _life.Cancel();
        try
        {
            await Task.WhenAny(Session, Task.Delay(DefaultTimeout));
        }
        catch (OperationCanceledException)
        {
        }
        _life.Dispose();
    }
}
