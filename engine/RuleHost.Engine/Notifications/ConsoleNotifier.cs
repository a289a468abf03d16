using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Notifications;

/// <summary>ConsoleNotifier prints every alert that fires or resolves, with the targets it routes to, so a plain run shows what happens.</summary>
/// <remarks>Printing happens off the evaluation thread; a full buffer counts the lines it could not keep and says so.</remarks>
internal sealed class ConsoleNotifier(RuleCatalog catalog, TextWriter output) : BackgroundService, IAlertObserver
{
    private readonly Channel<(Alert Alert, IReadOnlyList<string> Targets)> _lines = Channel.CreateBounded<(Alert, IReadOnlyList<string>)>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private long _dropped;

    public void OnTransition(AlertTransition transition)
    {
        // Routes are rule code: they run here, on the evaluation thread and under its guards, not on the printing thread.
        if (transition.IsNotifiable && !_lines.Writer.TryWrite((transition.Alert, NotificationRouter.TargetsOf(transition.Alert, catalog.Current))))
            Interlocked.Increment(ref _dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (alert, targets) in _lines.Reader.ReadAllAsync(stoppingToken))
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
                await output.WriteLineAsync($"… {dropped} alert changes were not printed (console too slow)");
            await output.WriteLineAsync(Format(alert, targets));
        }
    }

    public static string Format(Alert alert, IReadOnlyList<string> targets)
    {
        var state = alert.State.ToString().ToUpperInvariant();
        var at = (alert.EndsAt ?? alert.FiredAt ?? alert.StartsAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var key = alert.Key.Length == 0 ? "" : $"[{alert.Key}]";
        var to = targets.Count == 0 ? "" : $" → {string.Join(", ", targets)}";
        return $"{at} {state,-8} {alert.Rule}{key} {alert.Severity.ToString().ToLowerInvariant()}: {alert.Summary}{to}";
    }
}
