using System.Globalization;
using System.Text;
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

    /// <remarks>Every line waiting is written at once: one write to the console per wake-up, not one per alert.</remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var text = new StringBuilder();
        while (await _lines.Reader.WaitToReadAsync(stoppingToken))
        {
            while (text.Length < 64 * 1024 && _lines.Reader.TryRead(out var line))
                text.AppendLine(Format(line.Alert, line.Targets));
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
                text.AppendLine(CultureInfo.InvariantCulture, $"… {dropped} alert changes were not printed (console too slow)");
            await output.WriteAsync(text.ToString());
            text.Clear();
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
