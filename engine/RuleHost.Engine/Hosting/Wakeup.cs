namespace RuleHost.Engine.Hosting;

/// <summary>Wakeup is how a loop on a thread of its own sleeps: producers set it directly, and a timer on the injected clock sets it when the loop's next deadline comes.</summary>
/// <remarks>
/// A task-based wait (a channel's, a Task.Delay's) first hands the wake-up to a pool thread, which then wakes the loop:
/// two thread switches, each tens of microseconds on this kind of machine, on every item that finds the loop idle.
/// Setting a wakeup that is already set costs a read. The evaluation loop and the delivery pipeline sleep on one each.
/// </remarks>
internal sealed class Wakeup(TimeProvider clock) : IDisposable
{
    private readonly ManualResetEventSlim _event = new();
    private ITimer? _timer;

    public void Set() => _event.Set();

    /// <summary>Reset is called by the loop before it looks for work: whatever arrives from then on sets it again.</summary>
    public void Reset() => _event.Reset();

    /// <summary>Wait blocks until set, until <paramref name="timeout"/> has passed on the clock (infinite: no deadline), or until stopping.</summary>
    public void Wait(TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer ??= clock.CreateTimer(static e => ((ManualResetEventSlim)e!).Set(), _event, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        try
        {
            _event.Wait(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Dispose stops the timer; the event itself needs no disposing (it never allocates a kernel handle here), so a late Set is harmless.</summary>
    public void Dispose() => _timer?.Dispose();
}
