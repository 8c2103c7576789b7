using Polly;
using Polly.Retry;

namespace Vty.Fleet;

/// <summary>
/// The pause before each retry of a host: exponential backoff from <see cref="FleetRunOptions.RetryDelay"/>
/// with decorrelated jitter (so hosts that failed together do not come back together), capped at
/// <see cref="FleetRunOptions.MaxRetryDelay"/>, through Polly's retry strategy. Whether a failure
/// is retried at all stays the runner's decision (transient, and nothing delivered yet).
/// </summary>
internal static class HostRetryPipeline
{
    /// <summary>What one attempt produced, and whether the runner wants another.</summary>
    internal sealed record Attempt(HostJobContext Context, FailureKind Kind, string? Reason, Exception? Error, bool Retry);

    public static ResiliencePipeline<Attempt> Create(FleetRunOptions options, Action<Attempt, TimeSpan>? onRetry)
    {
        if (options.Retries < 1)
            return ResiliencePipeline<Attempt>.Empty;
        return new ResiliencePipelineBuilder<Attempt>()
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Retry == true),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { } attempt)
                        onRetry?.Invoke(attempt, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
