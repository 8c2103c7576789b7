using System.Diagnostics;
using Vty.Devices;
using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>Ready-made <see cref="HostJob"/>s: commands, a configuration set.</summary>
public static class FleetJobs
{
    /// <summary>Connects, logs in and runs <paramref name="commands"/> in order; the first rejected command fails the host.</summary>
    public static HostJob Commands(IReadOnlyList<string> commands, FleetJobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        options ??= new FleetJobOptions();
        return async (context, cancellationToken) =>
        {
            await using DeviceSession device = await OpenAsync(context, options, cancellationToken).ConfigureAwait(false);
            context.MarkDeliveryStarted();
            foreach (string command in commands)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    string output = await device.SendCommandAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false);
                    context.AddResult(options.ParseWith is { } templates
                        ? ParsedResult(device, templates, command, output, clock.Elapsed, cancellationToken)
                        : new CommandOutput(command, output, clock.Elapsed));
                }
                catch (CommandErrorException e)
                {
                    context.AddResult(new CommandOutput(command, e.Result.Output, clock.Elapsed) { Error = FailureClassifier.Classify(e).Reason });
                    throw;
                }
            }
        };
    }

    /// <summary>Connects, logs in and sends <paramref name="lines"/> as one configuration set; each line's answer is a result.</summary>
    public static HostJob ConfigSet(IReadOnlyList<string> lines, FleetJobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options ??= new FleetJobOptions();
        return async (context, cancellationToken) =>
        {
            await using DeviceSession device = await OpenAsync(context, options, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            string[] pending = [.. lines.Where(l => !string.IsNullOrWhiteSpace(l))];
            int answered = 0;
            var setOptions = new ConfigSetOptions
            {
                StopOnError = options.StopOnError,
                // Each answered line is recorded at once, so a session that breaks mid-set still
                // reports every line the device took.
                LineCompleted = line =>
                {
                    answered++;
                    context.AddResult(new CommandOutput(line.Line, line.Output, clock.Elapsed) { Error = line.Error });
                    clock.Restart();
                },
            };
            ConfigSetResult result;
            context.MarkDeliveryStarted();
            try
            {
                result = await device.SendConfigSetAsync(pending, setOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandErrorException e)
            {
                context.AddResult(new CommandOutput(e.Command, e.Result.Output, clock.Elapsed) { Error = FailureClassifier.Classify(e).Reason });
                throw;
            }
            catch (Exception e) when (answered < pending.Length)
            {
                context.AddResult(new CommandOutput(pending[answered], "", clock.Elapsed)
                {
                    Error = $"no answer ({FailureClassifier.OneLine(e.Message)}); it may or may not have reached the device",
                });
                throw;
            }
            if (!result.Ok)
            {
                ConfigLineResult first = result.Lines.First(l => !l.Ok);
                throw new ConfigRejectedException(ConfigRejectedException.Describe(result.Lines.Count(l => !l.Ok), result.Lines.Count, first.Line, first.Error));
            }
        };
    }

    private static CommandOutput ParsedResult(DeviceSession device, Parsing.TemplateLibrary templates, string command, string output, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var result = new CommandOutput(command, output, elapsed);
        try
        {
            return result with { Parsed = device.ParseOutput(command, output, templates, cancellationToken) };
        }
        catch (Exception e) when (e is Parsing.NoTemplateException or Parsing.TextFsmParseException or Parsing.TextFsmTemplateException or Parsing.TemplateIndexException)
        {
            // The command worked; only the parse did not: keep the text and say why.
            return result with { ParseError = e.Message };
        }
    }

    /// <summary>Resolves the host's secrets and opens a logged-in session, reporting the driver to the context.</summary>
    public static async Task<DeviceSession> OpenAsync(HostJobContext context, FleetJobOptions options, CancellationToken cancellationToken)
    {
        HostCredentials credentials = await options.Secrets.ResolveAsync(context.Host, cancellationToken).ConfigureAwait(false);
        DeviceSession device = await DeviceConnector.ConnectAsync(context.Host, credentials, options.Connect, context.Transcript, cancellationToken).ConfigureAwait(false);
        context.Driver = device.Driver.Name;
        context.DriverReason = device.Protocol.DriverSelection?.Reason;
        context.DriverMethod = device.Protocol.DriverSelection?.Method;
        if (options.Connect.Enable)
        {
            try
            {
                await device.EnableAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await device.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return device;
    }
}
