using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>NotificationSender runs one notification through its target's retry pipeline; every attempt is judged and recorded.</summary>
internal sealed class NotificationSender(
    TargetCatalog targets,
    BodyRenderer renderer,
    TargetResilience resilience,
    AttemptRecorder recorder,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<NotificationSender> logger)
{
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>SendAsync returns the last attempt's result: Delivered or Dead are final; Retrying means the caller parks it.</summary>
    public async Task<AttemptResult> SendAsync(Outgoing item, CancellationToken cancellationToken) =>
        await resilience.RetryOf(item.Target).ExecuteAsync(static (s, ct) => s.Self.AttemptAsync(s.Item, ct), (Self: this, Item: item), cancellationToken);

    private async ValueTask<AttemptResult> AttemptAsync(Outgoing item, CancellationToken cancellationToken)
    {
        var start = clock.GetTimestamp();
        DeliveryResult result;
        try
        {
            result = await CallAsync(item, cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            // Not an attempt: nothing was sent. The worker parks it until the circuit may close.
            return new AttemptResult(DeliveryResult.Retryable($"circuit open for target '{item.Target}'", retryAfter: open.RetryAfter ?? _options.BreakDuration), AttemptVerdict.Retrying, Sent: false);
        }

        return Record(item, result, clock.GetElapsedTime(start));
    }

    private async ValueTask<DeliveryResult> CallAsync(Outgoing item, CancellationToken cancellationToken)
    {
        if (targets.Find(item.Target) is not { } target)
            return DeliveryResult.Permanent($"target '{item.Target}' is not configured (RuleHost:Targets)");
        (ISinkPlugin Plugin, INotificationSink Sink)? made;
        try
        {
            made = targets.SinkFor(target);
        }
        catch (ArgumentException bad)
        {
            return DeliveryResult.Permanent(bad.Message);
        }

        if (made is not { } sink || (item.Body is null && !renderer.TryRender(item)))
            return DeliveryResult.Retryable($"sink '{target.Sink}' is not loaded");
        var notification = new Notification
        {
            Id = item.Id,
            Target = item.Target,
            Kind = item.Kind,
            Alert = item.Alert,
            Body = item.Body!,
            ContentType = item.ContentType,
            Attempt = item.Attempts + 1,
            CreatedAt = item.CreatedAt,
        };
        try
        {
            return await resilience.CallOf(item.Target).ExecuteAsync(static (s, ct) => s.Sink.SendAsync(s.Notification, ct), (sink.Sink, Notification: notification), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return DeliveryResult.Retryable($"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not BrokenCircuitException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retryable($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Record judges an attempt, writes its audit line (with the row's fate when final) and tells a waiting test-alert.</summary>
    private AttemptResult Record(Outgoing item, DeliveryResult result, TimeSpan latency)
    {
        var attempt = ++item.Attempts;
        var now = clock.GetUtcNow();
        var verdict = Judge(item, result, now);
        var outcome = verdict switch
        {
            AttemptVerdict.Delivered => AttemptRecord.Delivered,
            AttemptVerdict.Dead => AttemptRecord.Dead,
            _ => AttemptRecord.Retrying,
        };
        var error = result.Error ?? (item.RenderProblem is { } problem ? $"template problem, the default body was sent: {problem}" : null);
        var record = new AttemptRecord(item.Id, item.Alert.Fingerprint, item.Target, item.Kind, attempt, now, latency.TotalMilliseconds, result.StatusCode, error, outcome);
        var row = verdict switch
        {
            AttemptVerdict.Delivered => OutboxRowChange.Delete,
            AttemptVerdict.Dead => OutboxRowChange.Dead,
            _ => OutboxRowChange.None,
        };
        recorder.Write(new OutboxChange(record, item.Seq, row, attempt, now, result.Error));
        if (verdict == AttemptVerdict.Dead)
            Log.DeadLettered(logger, item.Id, item.Target, attempt, result.Error);
        item.FirstAttempt?.TrySetResult(record);
        return new AttemptResult(result, verdict);
    }

    private AttemptVerdict Judge(Outgoing item, DeliveryResult result, DateTimeOffset now) => result.Outcome switch
    {
        DeliveryOutcome.Delivered => AttemptVerdict.Delivered,
        DeliveryOutcome.PermanentFailure => AttemptVerdict.Dead,
        _ when item.Attempts >= _options.MaxAttempts || now - item.CreatedAt >= _options.MaxAge => AttemptVerdict.Dead,
        _ => AttemptVerdict.Retrying,
    };
}
