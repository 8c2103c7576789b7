namespace Vty.Fleet;

/// <summary>Writes each finished host as one JSON line (see <see cref="HostResultJson"/>) and flushes it at once.</summary>
public sealed class JsonLinesResultWriter : IFleetObserver
{
    private readonly TextWriter _writer;

    public JsonLinesResultWriter(TextWriter writer) => _writer = writer;

    public ValueTask HostNotStartedAsync(HostResult result, CancellationToken cancellationToken) =>
        HostFinishedAsync(result, cancellationToken);

    public async ValueTask HostFinishedAsync(HostResult result, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(HostResultJson.Serialize(result).AsMemory(), cancellationToken).ConfigureAwait(false);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
