using System.CommandLine;
using System.Globalization;
using Vty.Cli.Output;

namespace Vty.Cli.Commands.Nats;

/// <summary>The options of run, config and task for a distributed run: <c>--nats URL</c> and what goes with it.</summary>
internal sealed class NatsSubmitCommandLineOptions
{
    public NatsConnectionCommandLineOptions Connection { get; } = new(urlRequired: false);

    public Option<string?> Url => Connection.Url;

    public Option<string?> RunId { get; } = new("--run-id") { Description = "Id of the distributed run (default: time and random); `vty results` takes it." };

    public Option<int> MaxDeliveries { get; } = new("--max-deliveries")
    {
        Description = "Times a host's job may be handed to a worker (one that dies mid-host hands it on) before the host is reported failed.",
        DefaultValueFactory = _ => 3,
    };

    public Option<string?> ResultsTtl { get; } = new("--results-ttl") { Description = "How long NATS keeps the results for `vty results`, e.g. 7d, 12h, 90m (default: the stream's, 7d when new)." };

    public Option<double> ZoneTimeout { get; } = new("--zone-timeout")
    {
        Description = "Seconds a zone may go without any live worker while its hosts wait, before they are reported failed.",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>The options that only shape submitting and collecting (never sent to workers).</summary>
    public IEnumerable<Option> All => [.. Connection.All, RunId, MaxDeliveries, ResultsTtl, ZoneTimeout];

    public void AddTo(Command command)
    {
        foreach (Option option in All)
            command.Options.Add(option);
    }

    public static TimeSpan ParseSeconds(double seconds, string option)
    {
        if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            throw new UsageException($"{option} must be a positive number of seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Reads 7d, 12h, 90m, 30s or plain seconds.</summary>
    public static TimeSpan? ParseDuration(string? text, string option)
    {
        if (text is null)
            return null;
        string number = text.TrimEnd('d', 'h', 'm', 's');
        double unit = text.EndsWith('d') ? 86400 : text.EndsWith('h') ? 3600 : text.EndsWith('m') ? 60 : 1;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0 || text.Length - number.Length > 1)
            throw new UsageException($"{option} must be a duration like 7d, 12h, 90m or 30s, not '{text}'");
        return TimeSpan.FromSeconds(value * unit);
    }
}
