using System.IO.Pipelines;
using System.Text;
using Vty.Devices.Exec;

namespace Vty.Tests.Devices;

/// <summary>
/// A scripted remote host: each started command runs the behaviour with pipes for
/// stdin/stdout/stderr, like an SSH exec channel.
/// </summary>
internal sealed class FakeExecutor(Func<string, FakeProcess, Task<int>> behaviour) : IRemoteExecutor
{
    public List<string> Started { get; } = [];

    public string Host => "fake";

    public Task<IRemoteProcess> StartAsync(string command, CancellationToken cancellationToken)
    {
        Started.Add(command);
        var process = new FakeProcess();
        process.Start(() => behaviour(command, process));
        return Task.FromResult<IRemoteProcess>(process);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class FakeProcess : IRemoteProcess
{
    private readonly Pipe _stdin = new();
    private readonly Pipe _stdout = new();
    private readonly Pipe _stderr = new();
    private Task<int>? _run;

    public Stream StandardInput => _stdin.Writer.AsStream();
    public Stream StandardOutput => _stdout.Reader.AsStream();
    public Stream StandardError => _stderr.Reader.AsStream();

    public bool InputClosed { get; private set; }

    public void Start(Func<Task<int>> body) => _run = Task.Run(async () =>
    {
        try
        {
            return await body();
        }
        finally
        {
            await _stdout.Writer.CompleteAsync();
            await _stderr.Writer.CompleteAsync();
        }
    });

    public async Task WriteOutAsync(string text) => await _stdout.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteErrAsync(string text) => await _stderr.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads one line of stdin, or null at EOF.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var line = new StringBuilder();
        while (true)
        {
            ReadResult read = await _stdin.Reader.ReadAsync();
            var buffer = read.Buffer;
            foreach (var segment in buffer)
            {
                string text = Encoding.UTF8.GetString(segment.Span);
                int newline = text.IndexOf('\n');
                if (newline >= 0)
                {
                    line.Append(text[..newline]);
                    _stdin.Reader.AdvanceTo(buffer.GetPosition(Encoding.UTF8.GetByteCount(line.ToString()) + 1));
                    return line.ToString();
                }
            }
            if (read.IsCompleted)
            {
                _stdin.Reader.AdvanceTo(buffer.End);
                return line.Length > 0 ? line.ToString() : null;
            }
            _stdin.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask CloseInputAsync(CancellationToken cancellationToken)
    {
        InputClosed = true;
        await _stdin.Writer.CompleteAsync();
    }

    public async Task<(int? ExitStatus, string? ExitSignal)> WaitForExitAsync(CancellationToken cancellationToken) =>
        (await _run!.WaitAsync(cancellationToken), null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
