using Microsoft.Extensions.Logging;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>FloodControlStage lets at most FloodLimit notifications per FloodInterval through to a target and folds the excess into one summary.</summary>
/// <remarks>
/// The summary (Kind FloodSummary, its model's Alerts being the folded alerts) goes out when the interval ends: nothing is
/// dropped, a restart included. Each fold is saved after its batch (<see cref="TimerCheckpointStage"/>) until the summary
/// that carries it is in the outbox; at start the saved folds are taken back, and their summary goes out when their
/// interval ends (at once if it ended while the host was down).
/// </remarks>
internal sealed class FloodControlStage(TargetCatalog targets, DeliveryOptions defaults, TimerStore store, ILogger<FloodControlStage> logger) : IDeliveryStage
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly List<FoldedNotification> _folded = [];
    private readonly List<(string Target, long UpTo)> _summarised = [];
    private bool _restored;
    private long _lastSeq;

    public DateTimeOffset? NextDue => _windows.Values.Where(w => w.Folded.Count > 0).Select(w => (DateTimeOffset?)w.Ends).Min();

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        if (!_restored)
            Restore();
        var passed = new List<Outgoing>(batch.Count);
        Summarize(now, passed);
        foreach (var item in batch)
        {
            var (limit, interval) = LimitOf(item.Target);
            if (limit == 0 || item.Kind == NotificationKind.Test)
            {
                passed.Add(item);
                continue;
            }

            if (!_windows.TryGetValue(item.Target, out var window) || window.Ends <= now)
                _windows[item.Target] = window = new Window(now + interval);
            if (++window.Count <= limit)
                passed.Add(item);
            else
                Fold(window, item);
        }

        return passed;
    }

    /// <summary>HasChanges says whether anything was folded or summarised since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _folded.Count > 0 || _summarised.Count > 0;

    /// <summary>TakeChanges hands over the folds made and the summaries sent since the last call, to be saved.</summary>
    public (List<FoldedNotification> Folded, List<(string Target, long UpTo)> Summarised) TakeChanges()
    {
        var changes = (_folded.ToList(), _summarised.ToList());
        _folded.Clear();
        _summarised.Clear();
        return changes;
    }

    private void Fold(Window window, Outgoing item)
    {
        window.Folded.Add(item);
        window.LastSeq = ++_lastSeq;
        _folded.Add(new FoldedNotification(window.LastSeq, item.Target, window.Ends, item.Kind, item.Alert));
    }

    /// <summary>Summarize emits one summary per target whose interval ended with folded notifications.</summary>
    private void Summarize(DateTimeOffset now, List<Outgoing> passed)
    {
        foreach (var (target, window) in _windows.Where(w => w.Value.Ends <= now).ToList())
        {
            _windows.Remove(target);
            if (window.Folded.Count == 0)
                continue;
            var first = window.Folded[0];
            passed.Add(new Outgoing(first.Alert, target, NotificationKind.FloodSummary, null)
            {
                Alerts = [.. window.Folded.Select(f => f.Alert)],
            });
            _summarised.Add((target, window.LastSeq));
        }
    }

    /// <summary>Restore takes back what the previous run folded and did not summarise: one window per target, ending when its first one did, still full.</summary>
    private void Restore()
    {
        _restored = true;
        var saved = store.LoadFolded();
        if (saved.Count == 0)
            return;
        _lastSeq = saved.Max(f => f.Seq);
        foreach (var folds in saved.GroupBy(f => f.Target, StringComparer.Ordinal))
        {
            var window = new Window(folds.Min(f => f.WindowEnds)) { LastSeq = folds.Max(f => f.Seq) };
            window.Folded.AddRange(folds.Select(f => new Outgoing(f.Alert, f.Target, f.Kind, null)));
            window.Count = LimitOf(folds.Key).Limit + window.Folded.Count;
            _windows[folds.Key] = window;
        }

        Log.FoldsRestored(logger, saved.Count, _windows.Count);
    }

    private (int Limit, TimeSpan Interval) LimitOf(string target) =>
        targets.Find(target) is { } t ? (t.FloodLimit, t.FloodInterval) : (defaults.FloodLimit, defaults.FloodInterval);

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }

        public List<Outgoing> Folded { get; } = [];

        /// <summary>LastSeq is the saved row of the latest fold: the summary retires the target's rows up to it.</summary>
        public long LastSeq { get; set; }
    }
}
