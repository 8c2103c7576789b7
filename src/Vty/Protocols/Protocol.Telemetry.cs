using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vty.Diagnostics;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    /// <summary>The transport's name in telemetry tags.</summary>
    private string TransportName => this switch
    {
        SshProtocol => "ssh",
        TelnetProtocol => "telnet",
        _ when IsDummy => "dummy",
        // Another registered scheme's protocol is named by its scheme.
        _ => Url?.Scheme ?? "stream",
    };

    /// <summary>Starts an activity tagged with this session's host and driver (null when nobody listens).</summary>
    private protected Activity? StartActivity(string name)
    {
        Activity? activity = VtyTelemetry.ActivitySource.StartActivity(name, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(VtyTelemetry.HostTag, Host);
            activity.SetTag(VtyTelemetry.ProtocolTag, TransportName);
        }
        return activity;
    }

    /// <summary>Counts an opened transport and its handshake time.</summary>
    private protected void RecordConnected(long startedTimestamp)
    {
        TagList tags = VtyMetrics.Protocol(TransportName);
        VtyMetrics.ConnectionsOpened.Add(1, tags);
        VtyMetrics.HandshakeDuration.Record(VtyMetrics.SecondsSince(startedTimestamp), tags);
        Logger.LogInformation(VtyLogEvents.Connected, "{Host}: {Protocol} connection open after {Seconds:0.000} s", Host, TransportName, VtyMetrics.SecondsSince(startedTimestamp));
    }

    /// <summary>Counts a failed connect; returns false so it can sit in an exception filter.</summary>
    private protected bool RecordConnectFailed(Exception error, Activity? activity)
    {
        string status = StatusOf(error);
        TagList tags = VtyMetrics.Protocol(TransportName);
        tags.Add(VtyTelemetry.StatusTag, status);
        VtyMetrics.ConnectionsFailed.Add(1, tags);
        activity?.SetTag(VtyTelemetry.StatusTag, status);
        activity?.SetStatus(ActivityStatusCode.Error, error.Message);
        Logger.LogInformation(VtyLogEvents.ConnectFailed, "{Host}: {Protocol} connection failed: {Message}", Host, TransportName, error.Message);
        return false;
    }

    // The same words as the fleet's result lines, from the same classification.
    private static string StatusOf(Exception error) => Fleet.HostStatus.Of(Fleet.FailureClassifier.Classify(error).Kind);

    /// <summary>Runs a login or command step inside its activity and records its duration with the outcome.</summary>
    private async Task<T> ObserveAsync<T>(string activityName, Histogram<double> duration, string? command, Func<Task<T>> step)
    {
        using Activity? activity = StartActivity(activityName);
        if (command is not null)
            activity?.SetTag(VtyTelemetry.CommandTag, command);
        long started = Stopwatch.GetTimestamp();
        string status = Fleet.HostStatus.Of(Fleet.FailureKind.None);
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            status = StatusOf(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            string driver = Driver.Name;
            activity?.SetTag(VtyTelemetry.DriverTag, driver);
            activity?.SetTag(VtyTelemetry.StatusTag, status);
            TagList tags = VtyMetrics.Protocol(TransportName);
            tags.Add(VtyTelemetry.DriverTag, driver);
            tags.Add(VtyTelemetry.StatusTag, status);
            duration.Record(VtyMetrics.SecondsSince(started), tags);
        }
    }
}
