using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetResilience holds each target's Polly pipelines: in-memory retries around one circuit breaker and per-attempt timeout.</summary>
/// <remarks>
/// Retry wraps the attempt (which records itself in the audit trail); breaker and timeout wrap the sink call only, so an
/// open circuit is a wait, not an attempt. Waits longer than MaxInMemoryWait are not taken in memory: the worker parks
/// the notification with a persisted next-attempt time, which survives restarts.
/// </remarks>
internal sealed class TargetResilience(IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, (ResiliencePipeline<AttemptResult> Retry, ResiliencePipeline<DeliveryResult> Call)> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<AttemptResult> RetryOf(string target) => For(target).Retry;

    public ResiliencePipeline<DeliveryResult> CallOf(string target) => For(target).Call;

    /// <summary>Forget drops the pipelines of targets whose settings changed or that are gone: a fixed URL must not wait out the old one's open circuit.</summary>
    /// <remarks>Calls already running finish on the pipelines they started with; the next call builds new ones.</remarks>
    public void Forget(IEnumerable<string> targets)
    {
        foreach (var target in targets)
            _pipelines.TryRemove(target, out _);
    }

    private (ResiliencePipeline<AttemptResult> Retry, ResiliencePipeline<DeliveryResult> Call) For(string target) =>
        _pipelines.GetOrAdd(target, static (_, self) => (self.BuildRetry(), self.BuildCall()), this);

    private ResiliencePipeline<AttemptResult> BuildRetry()
    {
        var builder = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = clock };
        if (_options.InMemoryRetries == 0)
            return builder.Build();
        return builder.AddRetry(new RetryStrategyOptions<AttemptResult>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && RetryInMemory(r)),
            MaxRetryAttempts = _options.InMemoryRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryDelay,
            MaxDelay = _options.MaxInMemoryWait,
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Result.RetryAfter),
        }).Build();
    }

    /// <summary>RetryInMemory: a failed attempt worth retrying soon; a long Retry-After or an open circuit is parked instead.</summary>
    private bool RetryInMemory(AttemptResult r) =>
        r.Verdict == AttemptVerdict.Retrying && r.Sent && (r.Result.RetryAfter is null || r.Result.RetryAfter <= _options.MaxInMemoryWait);

    private ResiliencePipeline<DeliveryResult> BuildCall() =>
        new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result.Outcome == DeliveryOutcome.RetryableFailure),
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakDuration,
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
}
