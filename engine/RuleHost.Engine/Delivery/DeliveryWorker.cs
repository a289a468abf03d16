using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryWorker delivers what the outbox holds, at least once: many notifications in flight, failures parked with a persisted next attempt.</summary>
/// <remarks>At start, before the pipeline makes anything new, every undelivered row is resumed: so a kill -9 mid-burst loses nothing.</remarks>
internal sealed class DeliveryWorker(
    OutboxStore store,
    NotificationSender sender,
    AttemptRecorder recorder,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly Channel<Outgoing> _ready = Channel.CreateUnbounded<Outgoing>();
    private readonly RetryScheduler _parked = new(clock);
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>Parked counts notifications waiting for a later attempt.</summary>
    public int Parked => _parked.Count;

    /// <summary>Dispatch queues a notification that is already in the outbox for delivery now.</summary>
    public void Dispatch(Outgoing item) => _ready.Writer.TryWrite(item);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Resume();
        return base.StartAsync(cancellationToken);
    }

    private void Resume()
    {
        var pending = store.LoadPending();
        if (pending.Count == 0)
            return;
        Log.Resuming(logger, pending.Count);
        metrics.Added(pending.Count);
        var now = clock.GetUtcNow();
        foreach (var (item, at) in pending)
        {
            if (at <= now)
                Dispatch(item);
            else
                _parked.Park(item, at);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.MaxConcurrency)
            .Select(_ => ConsumeAsync(stoppingToken))
            .Append(_parked.RunAsync(Dispatch, stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await _ready.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_ready.Reader.TryRead(out var item))
                    await DeliverAsync(item, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: a notification cut off here is still pending in the outbox and goes out after the restart
        }
    }

    private async Task DeliverAsync(Outgoing item, CancellationToken stoppingToken)
    {
        var result = await sender.SendAsync(item, stoppingToken);
        if (result.Verdict != AttemptVerdict.Retrying)
            return;
        var at = clock.GetUtcNow() + (result.Result.RetryAfter ?? Backoff(item.Attempts));
        recorder.Write(new OutboxChange(null, item.Seq, OutboxRowChange.Reschedule, item.Attempts, at, result.Result.Error));
        _parked.Park(item, at);
    }

    /// <summary>Backoff is exponential in the attempts made, capped at MaxRetryDelay, with ±20% jitter so a target's retries spread out.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var delay = Math.Min(_options.RetryDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }
}
