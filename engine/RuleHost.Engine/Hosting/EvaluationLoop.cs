using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;
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
    EventJournal journal,
    IEnumerable<ICheckpointBarrier> barriers,
    IEnumerable<IRestoreObserver> restoreObservers,
    EventParser parser,
    AlertIndex alerts,
    TimeProvider clock,
    IOptions<RuleHostOptions> options,
    ILogger<EvaluationLoop> logger) : BackgroundService
{
    private const int BatchSize = 4096;

    private readonly Lock _gate = new();
    private (RuleSet Set, TaskCompletionSource Applied)? _pending;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _commands = new();
    private long _evaluated;
    private long _journalRecord;
    private long _savedJournalRecord = -1;
    private bool _replayed;
    private bool _restored;
    private Task<SavedState>? _saved;
    private readonly ICheckpointBarrier? _barrier = barriers.FirstOrDefault();
    private (RuleEvaluator Rule, TimeSpan After)? _stuck;

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
        }

        queue.Ready.Set();

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
        queue.Ready.Set();
        return done.Task;
    }

    /// <summary>InvokeAndSaveAsync runs a command that changes alerts (an acknowledgement, a posted batch) and completes once the change is committed, tracks included.</summary>
    public async Task<T> InvokeAndSaveAsync<T>(Func<RuleEngine, T> command)
    {
        var result = await InvokeAsync(engine =>
        {
            var done = command(engine);
            Checkpoint();
            return done;
        });
        await writer.FlushAsync();
        return result;
    }

    /// <summary>ExecuteAsync runs the loop on its thread; when the watchdog abandons that thread, the loop carries on on a new one.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var generation = 1; ; generation++)
        {
            var abandoned = new TaskCompletionSource<(RuleEvaluator Rule, TimeSpan After)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = RuleThread.RunAsync($"rulehost-evaluation-{generation}", () =>
            {
                try
                {
                    engine.TakeOwnership();
                    // Real time, not the injected clock: a stuck call is one that holds the thread for WatchdogTimeout of
                    // wall time. A test's fake clock leaping minutes ahead mid-evaluation is not that, and fired it.
                    using var watchdog = new EvaluationWatchdog(engine, options.Value.WatchdogTimeout, TimeProvider.System, (rule, after) => abandoned.TrySetResult((rule, after)));
                    if (_stuck is { } stuck)
                        engine.QuarantineNow(stuck.Rule, $"its evaluation was abandoned after {stuck.After.TotalMilliseconds:N0} ms inside one library call");
                    _stuck = null;
                    Run(stoppingToken);
                    return true;
                }
                catch (EvaluationAbandonedException)
                {
                    return false;
                }
            });

            if (await Task.WhenAny(ended, abandoned.Task) == ended)
            {
                await ended;
                return;
            }

            var (rule, after) = await abandoned.Task;
            engine.Budget.Cancel("stopped by the watchdog");
            Log.EvaluationAbandoned(logger, rule.Spec.Name, (long)after.TotalMilliseconds);
            _stuck = (rule, after);
        }
    }

    /// <summary>Run is the loop itself, on a dedicated large-stack thread (see <see cref="RuleThread"/>).</summary>
    private void Run(CancellationToken stoppingToken)
    {
        if (!_restored)
        {
            _restored = true;
            Restore();
        }

        var reader = queue.Reader;
        var tickEvery = options.Value.TickInterval;
        var checkpointEvery = options.Value.CheckpointInterval;
        var nextTick = clock.GetUtcNow() + tickEvery;
        var nextCheckpoint = clock.GetUtcNow() + checkpointEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            queue.Ready.Reset(); // before looking: whatever arrives from here on sets it again
            ApplyPending();
            var n = 0;
            while (n < BatchSize && reader.TryRead(out var e))
            {
                engine.Evaluate(e);
                if (e.JournalRecord != 0)
                    _journalRecord = e.JournalRecord;
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
                Checkpoint();
                nextCheckpoint = now + checkpointEvery;
            }

            if (n == 0)
                Wait((nextTick < nextCheckpoint ? nextTick : nextCheckpoint) - now, stoppingToken);
        }

        Checkpoint(); // a graceful stop saves everything; the writer drains after the loop ends
    }

    /// <summary>Checkpoint hands the writer what changed in the tracks, and how far into the journal they reach.</summary>
    private void Checkpoint()
    {
        var checkpoint = engine.Checkpoint() with { JournalRecord = _journalRecord, BarrierMark = _barrier?.Mark ?? 0 };
        if (checkpoint.Saved.Count == 0 && checkpoint.Forgotten.Count == 0 && _journalRecord == _savedJournalRecord)
            return;
        writer.Save(checkpoint);
        _savedJournalRecord = _journalRecord;
    }

    /// <summary>Replay evaluates the journal records the saved state does not include: what was accepted before a crash.</summary>
    private void Replay()
    {
        var replayed = 0;
        foreach (var (record, body, receivedAt) in journal.ReadAfter(_journalRecord))
        {
            foreach (var e in parser.Parse(body, receivedAt).Events)
                engine.Evaluate(e);
            _journalRecord = record;
            replayed++;
        }

        if (replayed > 0)
            Log.JournalReplayed(logger, replayed);
        Checkpoint();
    }

    /// <summary>Restore takes over the state saved by the previous run before any event or rule set is seen.</summary>
    /// <summary>StartAsync starts reading the saved state at once, beside the first compile of the rules (plugins load only after both).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _saved = Task.Run(() => store.Load(AlertIndex.ResolvedToKeep), cancellationToken);
        return base.StartAsync(cancellationToken);
    }

    private void Restore()
    {
        var started = clock.GetTimestamp();
        var saved = _saved?.GetAwaiter().GetResult() ?? store.Load(AlertIndex.ResolvedToKeep);
        _saved = null;
        alerts.Restore(saved.Alerts);
        engine.Restore(saved.Tracks);
        _journalRecord = saved.JournalRecord;
        Log.StateRestored(logger, saved.Alerts.Count, saved.Tracks.Count, options.Value.DataPath, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private void ApplyPending()
    {
        (RuleSet Set, TaskCompletionSource Applied)? pending;
        lock (_gate)
        {
            pending = _pending;
            _pending = null;
        }

        while (_commands.TryDequeue(out var command))
            command();
        if (pending is not { } p)
            return;
        engine.Apply(p.Set);
        Log.RuleSetApplied(logger, p.Set.Generation, p.Set.Rules.Count);
        if (!_replayed)
        {
            _replayed = true; // after the first rule set, before the server takes new events
            Replay();
            var active = engine.ActiveAlerts().ToList();
            alerts.Restore(active);
            engine.ResolveStale([.. alerts.All]);
            foreach (var observer in restoreObservers)
                observer.OnRestored(active); // the delivery timers: repeats and escalations carry on
        }

        p.Applied.TrySetResult();
    }

    /// <summary>Wait blocks the evaluation thread until events arrive, a rule set or command is handed over, the next tick is due or the host stops.</summary>
    private void Wait(TimeSpan untilTick, CancellationToken stoppingToken) => queue.Ready.Wait(untilTick, stoppingToken);
}
