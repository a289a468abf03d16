using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Delivery.Http;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryWorker delivers what the outbox holds, at least once: many notifications in flight, failures parked with a persisted next attempt.</summary>
/// <remarks>
/// At start, before the pipeline makes anything new, every undelivered row is resumed: so a kill -9 mid-burst loses
/// nothing. There are no standing consumer threads: <see cref="Dispatch"/> (called right after the outbox commit)
/// starts up to MaxConcurrency sends in one pool work item, and each send, when its answer comes, takes the next waiting
/// notification. Starting a batch inside one <see cref="SendBatch"/> lets requests made together leave in one socket
/// write per connection.
/// </remarks>
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
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sending;

    /// <summary>Parked counts notifications waiting for a later attempt.</summary>
    public int Parked => _parked.Count;

    /// <summary>Dispatch sends notifications that are already in the outbox, now: up to MaxConcurrency at once, the rest as sends finish.</summary>
    public void Dispatch(IReadOnlyList<Outgoing> items)
    {
        if (items.Count == 0)
            return;
        foreach (var item in items)
            _ready.Writer.TryWrite(item);

        // One pool work item starts the batch's sends: the caller (the pipeline thread) never runs sink plugin code,
        // which might block, and the sends still start together, in one SendBatch.
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Self.StartSenders(s.Count), (Self: this, items.Count), preferLocal: false);
    }

    /// <summary>RetryNow sends the parked notifications of targets whose settings just changed without waiting out their backoff.</summary>
    public int RetryNow(IReadOnlySet<string> targets) => _parked.ReleaseNow(targets);

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
                _ready.Writer.TryWrite(item); // sent once the host runs (ExecuteAsync)
            else
                _parked.Park(item, at);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (stoppingToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _stop))
        {
            await Task.Yield();
            StartSenders(_ready.Reader.Count); // the resumed notifications
            await _parked.RunAsync(Dispatch, stoppingToken);
        }

        // Stopping: sends cut off now stay pending in the outbox and go out after the restart.
        if (Volatile.Read(ref _sending) == 0)
            _idle.TrySetResult();
        await _idle.Task;
    }

    /// <summary>StartSenders starts up to <paramref name="wanted"/> senders on this thread; the rest wait for a busy sender to take them.</summary>
    private void StartSenders(int wanted)
    {
        using var batch = SendBatch.Begin();
        for (; wanted > 0 && TryClaim(); wanted--)
            _ = SendWaitingAsync();
    }

    /// <summary>TryClaim takes one of the MaxConcurrency sender slots, if one is free and the host is not stopping.</summary>
    private bool TryClaim()
    {
        if (_stop.IsCancellationRequested)
            return false;
        if (Interlocked.Increment(ref _sending) <= _options.MaxConcurrency)
            return true;
        Release();
        return false;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _sending) == 0 && _stop.IsCancellationRequested)
            _idle.TrySetResult();
    }

    /// <summary>SendWaitingAsync holds a sender slot and sends waiting notifications one after another until none waits.</summary>
    private async Task SendWaitingAsync()
    {
        try
        {
            do
            {
                while (_ready.Reader.TryRead(out var item))
                    await DeliverAsync(item, _stop.Token);
                Release();

                // A notification written after the last TryRead, while every slot was taken, is this sender's to take.
            }
            while (_ready.Reader.Count > 0 && TryClaim());
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Release(); // stopping: a notification cut off here is still pending in the outbox and goes out after the restart
        }
        catch (Exception e)
        {
            Log.SenderFailed(logger, e); // a bug, not a delivery failure: the notification stays pending and goes out after a restart
            Release();
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
