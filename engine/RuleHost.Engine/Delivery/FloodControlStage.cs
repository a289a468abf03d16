using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>FloodControlStage lets at most FloodLimit notifications per FloodInterval through to a target and folds the excess into one summary.</summary>
/// <remarks>The summary (Kind FloodSummary, its model's Alerts being the folded alerts) goes out when the interval ends: nothing is dropped.</remarks>
internal sealed class FloodControlStage(TargetCatalog targets, DeliveryOptions defaults) : IDeliveryStage
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public DateTimeOffset? NextDue => _windows.Values.Where(w => w.Folded.Count > 0).Select(w => (DateTimeOffset?)w.Ends).Min();

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
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
                window.Folded.Add(item);
        }

        return passed;
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
        }
    }

    private (int Limit, TimeSpan Interval) LimitOf(string target) =>
        targets.Find(target) is { } t ? (t.FloodLimit, t.FloodInterval) : (defaults.FloodLimit, defaults.FloodInterval);

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }

        public List<Outgoing> Folded { get; } = [];
    }
}
