using System.Text.RegularExpressions;
using Vty.Nats.Errors;

namespace Vty.Nats.Topology;

/// <summary>
/// Stream, bucket, consumer and subject names of distributed runs. Jobs:
/// <c>vty.jobs.ZONE.RUN.INDEX</c> in a work-queue stream; results <c>vty.results.RUN.INDEX</c> and
/// claims <c>vty.claims.RUN.INDEX</c> in a limits stream kept for the results' lifetime. A host is
/// named by its index in the run's manifest, so no host name (dots, spaces) ever becomes a subject token.
/// </summary>
public static partial class NatsNames
{
    /// <summary>The work-queue stream of host jobs.</summary>
    public const string JobsStream = "VTY_JOBS";

    /// <summary>The stream of results and claims.</summary>
    public const string ResultsStream = "VTY_RESULTS";

    /// <summary>Key-value bucket where workers announce themselves per zone.</summary>
    public const string WorkersBucket = "vty-workers";

    /// <summary>Object store holding run manifests and results too large for one message.</summary>
    public const string RunsBucket = "vty-runs";

    /// <summary>The zone of hosts whose inventory names none.</summary>
    public const string DefaultZone = "default";

    /// <summary>Subject of one host job.</summary>
    public static string JobSubject(string zone, string runId, int index) => $"vty.jobs.{zone}.{runId}.{index}";

    /// <summary>Subjects of every job of a run in a zone (for purging a zone nobody serves).</summary>
    public static string RunJobsFilter(string zone, string runId) => $"vty.jobs.{zone}.{runId}.>";

    /// <summary>Filter of one zone's consumer.</summary>
    public static string ZoneFilter(string zone) => $"vty.jobs.{zone}.>";

    /// <summary>Durable consumer shared by the workers of a zone.</summary>
    public static string ZoneConsumer(string zone) => $"vty-zone-{zone}";

    /// <summary>Subject of one host's result.</summary>
    public static string ResultSubject(string runId, int index) => $"vty.results.{runId}.{index}";

    /// <summary>Subjects of every result of a run.</summary>
    public static string RunResultsFilter(string runId) => $"vty.results.{runId}.>";

    /// <summary>Subject of the claims a worker makes on a host job before changing a device.</summary>
    public static string ClaimSubject(string runId, int index) => $"vty.claims.{runId}.{index}";

    /// <summary>Deduplication id of a job or result: one per host per run.</summary>
    public static string MessageId(string kind, string runId, int index) => $"{kind}.{runId}.{index}";

    /// <summary>Object name of a run's manifest.</summary>
    public static string ManifestObject(string runId) => $"runs/{runId}/manifest";

    /// <summary>Object name of a result too large for one message.</summary>
    public static string ResultObject(string runId, int index) => $"runs/{runId}/results/{index}";

    /// <summary>Key of a worker's presence in a zone.</summary>
    public static string WorkerKey(string zone, string worker) => $"{zone}.{worker}";

    /// <summary>A new run id: UTC time and random hex, sortable and unique.</summary>
    public static string NewRunId() =>
        $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Checks a zone, run id or worker name is one subject token.</summary>
    /// <exception cref="NatsRunException">It is empty or holds characters outside letters, digits, '-' and '_'.</exception>
    public static string CheckToken(string value, string what)
    {
        if (!TokenPattern().IsMatch(value))
            throw new NatsRunException($"{what} '{value}' is not usable: use 1 to 64 letters, digits, '-' or '_'");
        return value;
    }

    /// <summary>Makes a free-form name (a machine name) into a token.</summary>
    public static string ToToken(string value)
    {
        string token = InvalidTokenChars().Replace(value, "_");
        return token.Length == 0 ? "worker" : token.Length > 64 ? token[..64] : token;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex InvalidTokenChars();
}
