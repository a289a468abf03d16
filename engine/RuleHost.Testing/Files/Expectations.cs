using System.Globalization;

namespace RuleHost.Testing.Files;

/// <summary>Expectations compares expected alerts and notifications with actual ones and words each difference.</summary>
internal static class Expectations
{
    public static IEnumerable<string> CompareAlerts(ExpectSpec expect, IReadOnlyList<Alert> actual)
    {
        var inScope = actual.Where(a => expect.Rule is null || a.Rule == expect.Rule).ToList();
        foreach (var spec in expect.Alerts)
        {
            var found = inScope.FirstOrDefault(a => a.Rule == spec.Rule && a.Key == spec.Key);
            if (found is null)
            {
                yield return $"expected {Name(spec.Rule, spec.Key)} {spec.State}, but it is not active";
                continue;
            }

            inScope.Remove(found);
            foreach (var difference in Differences(spec, found))
                yield return $"{Name(spec.Rule, spec.Key)}: {difference}";
        }

        foreach (var extra in inScope)
            yield return $"unexpected {Name(extra.Rule, extra.Key)} {State(extra.State)} ({extra.Summary})";
    }

    public static IEnumerable<string> CompareNotifications(List<NotificationSpec> expected, IReadOnlyList<RuleTestNotification> actual, DateTimeOffset start)
    {
        var left = actual.SelectMany(n => (n.Targets.Count == 0 ? [""] : n.Targets).Select(t => (n.Alert, Target: t))).ToList();
        foreach (var spec in expected)
        {
            var match = left.FindIndex(n => Matches(spec, n.Alert, n.Target, start));
            if (match < 0)
            {
                var near = left.Where(n => n.Alert.Rule == spec.Rule && n.Alert.Key == spec.Key && State(n.Alert.State) == spec.State).ToList();
                var got = near.Count == 0 ? "none like it" : string.Join("; ", near.Select(n => Describe(n.Alert, n.Target, start)));
                yield return $"expected {Name(spec.Rule, spec.Key)} {spec.State}{(spec.Target is null ? "" : " → " + spec.Target)}{(spec.Summary is null ? "" : $" \"{spec.Summary}\"")}{(spec.At is null ? "" : " at " + spec.At)}, got {got}";
                continue;
            }

            left.RemoveAt(match);
        }

        foreach (var (alert, target) in left)
            yield return $"unexpected {Describe(alert, target, start)}";
    }

    private static bool Matches(NotificationSpec spec, Alert alert, string target, DateTimeOffset start) =>
        alert.Rule == spec.Rule && alert.Key == spec.Key && State(alert.State) == spec.State
        && (spec.Target is null || spec.Target == target)
        && (spec.Summary is null || spec.Summary == alert.Summary)
        && (spec.At is null || DurationText.Parse(spec.At, "notifications.at") == When(alert) - start);

    private static IEnumerable<string> Differences(AlertSpec spec, Alert alert)
    {
        if (spec.State != State(alert.State))
            yield return $"state: expected {spec.State}, got {State(alert.State)}";
        if (spec.Severity is { } severity && !severity.Equals(alert.Severity.ToString(), StringComparison.OrdinalIgnoreCase))
            yield return $"severity: expected {severity}, got {alert.Severity.ToString().ToLowerInvariant()}";
        if (spec.Summary is { } summary && summary != alert.Summary)
            yield return $"summary: expected \"{summary}\", got \"{alert.Summary}\"";
        if (spec.Value is { } value && (alert.Value is not { } v || Math.Abs(v - value) > 1e-9 * Math.Max(1, Math.Abs(value))))
            yield return $"value: expected {value.ToString(CultureInfo.InvariantCulture)}, got {alert.Value?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
        foreach (var (name, expected) in spec.Labels ?? [])
        {
            if (!alert.Labels.TryGetValue(name, out var got) || got != expected)
                yield return $"label {name}: expected \"{expected}\", got {(got is null ? "none" : $"\"{got}\"")}";
        }
    }

    private static string Describe(Alert alert, string target, DateTimeOffset start) =>
        $"{Name(alert.Rule, alert.Key)} {State(alert.State)}{(target.Length == 0 ? "" : " → " + target)} \"{alert.Summary}\" at {Offset(When(alert) - start)}";

    private static DateTimeOffset When(Alert alert) => alert.EndsAt ?? alert.FiredAt ?? alert.StartsAt;

    private static string Offset(TimeSpan t) => t.TotalSeconds % 60 == 0 ? $"{t.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m" : $"{t.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";

    private static string Name(string rule, string key) => key.Length == 0 ? rule : $"{rule}[{key}]";

    private static string State(AlertState state) => state.ToString().ToLowerInvariant();
}
