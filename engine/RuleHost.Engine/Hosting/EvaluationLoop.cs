using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Sandbox;
using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Hosting;

/// <summary>EvaluationLoop is the one thread that owns the <see cref="RuleEngine"/>: it drains the event queue, runs timers and swaps rule sets between events.</summary>
internal sealed class EvaluationLoop(
    EventQueue queue,
    RuleEngine engine,
    IStateStore store,
    StateWriter writer,
    AlertIndex alerts,
    TimeProvider clock,
    IOptions<RuleHostOptions> options,
    ILogger<EvaluationLoop> logger) : BackgroundService
{
    private const int BatchSize = 4096;

    private readonly Lock _gate = new();
    private (RuleSet Set, TaskCompletionSource Applied)? _pending;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _commands = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _evaluated;

    /// <summary>Evaluated counts every event the engine has evaluated since start.</summary>
    public long Evaluated => Interlocked.Read(ref _evaluated);

    /// <summary>ApplyAsync hands a new rule set to the loop; the task completes once no event will see the old one.</summary>
    public Task ApplyAsync(RuleSet set)
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending?.Applied.TrySetResult(); // superseded: the newer set also replaces what it carried
            _pending = (set, applied);
            _wake.TrySetResult();
        }

        return applied.Task;
    }

    /// <summary>InvokeAsync runs <paramref name="command"/> on the evaluation thread, between two events (how the API changes alerts).</summary>
    public Task<T> InvokeAsync<T>(Func<RuleEngine, T> command)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commands.Enqueue(() =>
        {
            try
            {
                done.TrySetResult(command(engine));
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        lock (_gate)
            _wake.TrySetResult();
        return done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RuleThread.RunAsync("rulehost-evaluation", () =>
        {
            Run(stoppingToken);
            return true;
        });

    /// <summary>Run is the loop itself, on a dedicated large-stack thread (see <see cref="RuleThread"/>).</summary>
    private void Run(CancellationToken stoppingToken)
    {
        Restore();
        var reader = queue.Reader;
        var tickEvery = options.Value.TickInterval;
        var checkpointEvery = options.Value.CheckpointInterval;
        var nextTick = clock.GetUtcNow() + tickEvery;
        var nextCheckpoint = clock.GetUtcNow() + checkpointEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            ApplyPending();
            var n = 0;
            while (n < BatchSize && reader.TryRead(out var e))
            {
                engine.Evaluate(e);
                n++;
            }

            Interlocked.Add(ref _evaluated, n);
            var now = clock.GetUtcNow();
            if (now >= nextTick)
            {
                engine.Tick();
                nextTick = now + tickEvery;
            }

            if (now >= nextCheckpoint)
            {
                writer.Save(engine.Checkpoint());
                nextCheckpoint = now + checkpointEvery;
            }

            if (n == 0)
                Wait(reader, (nextTick < nextCheckpoint ? nextTick : nextCheckpoint) - now, stoppingToken);
        }

        writer.Save(engine.Checkpoint()); // a graceful stop saves everything; the writer drains after the loop ends
    }

    /// <summary>Restore takes over the state saved by the previous run before any event or rule set is seen.</summary>
    private void Restore()
    {
        var started = clock.GetTimestamp();
        var saved = store.Load(AlertIndex.ResolvedToKeep);
        alerts.Restore(saved.Alerts);
        engine.Restore(saved.Tracks);
        Log.StateRestored(logger, saved.Alerts.Count, saved.Tracks.Count, options.Value.DataPath, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private void ApplyPending()
    {
        (RuleSet Set, TaskCompletionSource Applied)? pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = null;
            if (_wake.Task.IsCompleted)
                _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        while (_commands.TryDequeue(out var command))
            command();
        if (pending is not { } p)
            return;
        engine.Apply(p.Set);
        Log.RuleSetApplied(logger, p.Set.Generation, p.Set.Rules.Count);
        p.Applied.TrySetResult();
    }

    /// <summary>Wait blocks the evaluation thread until events arrive, a rule set is handed over, the next tick is due or the host stops.</summary>
    private void Wait(System.Threading.Channels.ChannelReader<Event> reader, TimeSpan untilTick, CancellationToken stoppingToken)
    {
        Task wake;
        lock (_gate)
            wake = _wake.Task;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(untilTick > TimeSpan.Zero ? untilTick : TimeSpan.Zero, clock, cancel.Token);
        Task.WaitAny([reader.WaitToReadAsync(cancel.Token).AsTask(), wake, delay], CancellationToken.None);
        cancel.Cancel();
    }
}
