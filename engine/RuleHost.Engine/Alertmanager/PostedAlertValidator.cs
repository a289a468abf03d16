using System.Buffers;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Alertmanager;

/// <summary>PostedAlertValidator checks a posted batch as Alertmanager does, fills its defaults and works out each alert's identity.</summary>
/// <remarks>
/// Defaults follow Alertmanager's API: no startsAt means endsAt if given, else now; no endsAt means now + resolve
/// timeout, and such an alert stays alive only while it is posted again. Unlike Alertmanager, one bad item refuses
/// the whole batch, so a sender never has to guess which part was taken.
/// </remarks>
internal static class PostedAlertValidator
{
    public const string AlertName = "alertname";

    public static List<ExternalAlert> Validate(IReadOnlyList<PostableAlert?> items, DateTimeOffset now, TimeSpan resolveTimeout, IngestErrorList errors)
    {
        var alerts = new List<ExternalAlert>(items.Count);
        var names = ArrayPool<string>.Shared.Rent(16);
        try
        {
            for (var i = 0; i < items.Count && !errors.IsFull; i++)
            {
                if (Check(items[i], i, errors) is not { } item)
                    continue;
                if (names.Length < item.Labels!.Count)
                {
                    ArrayPool<string>.Shared.Return(names, clearArray: true);
                    names = ArrayPool<string>.Shared.Rent(item.Labels.Count);
                }

                alerts.Add(Build(item, names, now, resolveTimeout));
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(names, clearArray: true);
        }

        if (items.Count == 0)
            errors.Add(0, null, "body holds no alerts");
        return alerts;
    }

    /// <summary>Check reports every problem of one item and returns it only when it has none.</summary>
    private static PostableAlert? Check(PostableAlert? item, int index, IngestErrorList errors)
    {
        if (item is null)
        {
            errors.Add(index, null, "item must be a JSON object, got null");
            return null;
        }

        var before = errors.Count;
        if (item.Labels is null or { Count: 0 })
            errors.Add(index, "labels", "at least one label is required");
        else if (!item.Labels.TryGetValue(AlertName, out var name) || string.IsNullOrEmpty(name))
            errors.Add(index, "labels.alertname", "the alertname label is required: it names the alert's rule");
        CheckPairs(item.Labels, "labels", index, errors);
        CheckPairs(item.Annotations, "annotations", index, errors);
        if (item.StartsAt is { } starts && item.EndsAt is { } ends && IsSet(starts) && IsSet(ends) && ends < starts)
            errors.Add(index, "endsAt", $"endsAt ({ends:O}) is before startsAt ({starts:O})");
        return errors.Count == before ? item : null;
    }

    private static void CheckPairs(Dictionary<string, string>? pairs, string field, int index, IngestErrorList errors)
    {
        if (pairs is null)
            return;
        foreach (var (name, value) in pairs)
        {
            if (!IsValidName(name))
                errors.Add(index, $"{field}.{name}", "a name must match [a-zA-Z_][a-zA-Z0-9_]*");
            else if (value is null)
                errors.Add(index, $"{field}.{name}", "a value must be a string, got null");
        }
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }

        return true;
    }

    /// <summary>IsSet treats Go's zero time (year 1), which some clients send for "not set", as absent.</summary>
    private static bool IsSet(DateTimeOffset time) => time.Year > 1;

    private static ExternalAlert Build(PostableAlert item, string[] names, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        var labels = item.Labels!;
        var annotations = item.Annotations ?? Empty;
        var ends = item.EndsAt is { } e && IsSet(e) ? e : (DateTimeOffset?)null;
        var starts = item.StartsAt is { } s && IsSet(s) ? s : ends ?? now;
        foreach (var (name, value) in labels)
        {
            if (value.Length == 0)
                labels.Remove(name); // an empty label is no label, as in Prometheus; Alertmanager drops it before hashing
        }

        var count = labels.Count;
        labels.Keys.CopyTo(names, 0);
        Array.Sort(names, 0, count, StringComparer.Ordinal);
        var sorted = names.AsSpan(0, count);
        var rule = labels[AlertName];
        return new ExternalAlert
        {
            Fingerprint = LabelSetFingerprint.Of(labels, sorted),
            Rule = rule,
            Key = KeyOf(labels, names, count),
            Labels = labels,
            Annotations = annotations,
            StartsAt = starts,
            EndsAt = ends ?? now + resolveTimeout,
            EndsAtDefaulted = ends is null,
            GeneratorUrl = item.GeneratorUrl,
            Severity = SeverityOf(labels),
            Summary = annotations.GetValueOrDefault("summary") ?? annotations.GetValueOrDefault("description") ?? rule,
            Description = annotations.GetValueOrDefault("description"),
            Runbook = annotations.GetValueOrDefault("runbook_url"),
        };
    }

    /// <summary>KeyOf renders every label but alertname as <c>name=value</c>, sorted by name, comma-separated.</summary>
    private static string KeyOf(Dictionary<string, string> labels, string[] names, int count)
    {
        var length = -1;
        foreach (var name in names.AsSpan(0, count))
        {
            if (name != AlertName)
                length += name.Length + labels[name].Length + 2;
        }

        return length <= 0 ? "" : string.Create(length, (labels, names, count), static (span, state) =>
        {
            var at = 0;
            foreach (var name in state.names.AsSpan(0, state.count))
            {
                if (name == AlertName)
                    continue;
                if (at > 0)
                    span[at++] = ',';
                var value = state.labels[name];
                name.CopyTo(span[at..]);
                at += name.Length;
                span[at++] = '=';
                value.CopyTo(span[at..]);
                at += value.Length;
            }
        });
    }

    private static Severity SeverityOf(Dictionary<string, string> labels) => labels.GetValueOrDefault("severity") switch
    {
        { } s when s.Equals("critical", StringComparison.OrdinalIgnoreCase) => Severity.Critical,
        { } s when s.Equals("error", StringComparison.OrdinalIgnoreCase) => Severity.Error,
        { } s when s.Equals("info", StringComparison.OrdinalIgnoreCase) => Severity.Info,
        _ => Severity.Warning,
    };

    private static readonly Dictionary<string, string> Empty = new();
}
