using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>RuleBuilder holds the modifiers every rule kind shares: identity, presentation and notification.</summary>
public abstract class RuleBuilder<TSelf>
    where TSelf : RuleBuilder<TSelf>
{
    private protected RuleBuilder(RuleSpec spec) => Spec = spec;

    internal RuleSpec Spec { get; }

    private TSelf Self => (TSelf)this;

    /// <summary>KeyBy splits the rule into one alert per key (the dedup key); without it the rule has one alert.</summary>
    public TSelf KeyBy(Func<Event, string> key)
    {
        Spec.KeyBy = key;
        return Self;
    }

    public TSelf Severity(Severity severity)
    {
        Spec.Severity = _ => severity;
        return Self;
    }

    public TSelf Severity(Func<Event, Severity> severity)
    {
        Spec.Severity = severity;
        return Self;
    }

    public TSelf Summary(string summary) => Summary(_ => summary);

    public TSelf Summary(Func<Event, string> summary)
    {
        Spec.Summary = summary;
        return Self;
    }

    public TSelf Description(string description) => Description(_ => description);

    public TSelf Description(Func<Event, string> description)
    {
        Spec.Description = description;
        return Self;
    }

    public TSelf Label(string name, string value) => Label(name, _ => value);

    public TSelf Label(string name, Func<Event, string> value, [CallerLineNumber] int line = 0)
    {
        if (string.IsNullOrWhiteSpace(name))
            Spec.Problem("RH0104", "a label needs a name", line);
        Spec.Labels.RemoveAll(l => l.Name == name);
        Spec.Labels.Add((name, value));
        return Self;
    }

    public TSelf Runbook(string url)
    {
        Spec.Runbook = url;
        return Self;
    }

    /// <summary>SuppressFor is the repeat interval: while the alert keeps firing it is notified again at most this often.</summary>
    public TSelf SuppressFor(TimeSpan interval, [CallerLineNumber] int line = 0)
    {
        Spec.SuppressFor = NonNegative(interval, nameof(SuppressFor), line);
        return Self;
    }

    /// <summary>ResolveWhen sets a separate resolve condition (hysteresis): a firing alert resolves only when it holds.</summary>
    public TSelf ResolveWhen(Func<Event, bool> condition)
    {
        Spec.ResolveWhen = condition;
        return Self;
    }

    /// <summary>KeepFiringFor keeps a firing alert firing this long after its condition stops holding.</summary>
    public TSelf KeepFiringFor(TimeSpan duration, [CallerLineNumber] int line = 0)
    {
        Spec.KeepFiringFor = NonNegative(duration, nameof(KeepFiringFor), line);
        return Self;
    }

    /// <summary>ResolveAfter resolves an active alert when no matching event arrived for this long (host clock).</summary>
    public TSelf ResolveAfter(TimeSpan quiet, [CallerLineNumber] int line = 0)
    {
        Spec.ResolveAfter = Positive(quiet, nameof(ResolveAfter), line);
        return Self;
    }

    public TSelf NotifyTo(params string[] targets)
    {
        Spec.NotifyTo.AddRange(targets.Where(t => !string.IsNullOrWhiteSpace(t) && !Spec.NotifyTo.Contains(t)));
        return Self;
    }

    /// <summary>Template names the Razor template (under rules/templates) that renders this rule's notifications.</summary>
    public TSelf Template(string file)
    {
        Spec.Template = file;
        return Self;
    }

    /// <summary>EscalateTo notifies another target when the alert is still unacknowledged after the given time.</summary>
    public TSelf EscalateTo(string target, TimeSpan after, [CallerLineNumber] int line = 0)
    {
        Spec.Escalations.Add((target, Positive(after, nameof(EscalateTo), line)));
        return Self;
    }

    private protected TimeSpan NonNegative(TimeSpan value, string modifier, int line)
    {
        if (value < TimeSpan.Zero)
            Spec.Problem("RH0102", $"{modifier} must not be negative (was {value})", line);
        return value;
    }

    private protected TimeSpan Positive(TimeSpan value, string modifier, int line)
    {
        if (value <= TimeSpan.Zero)
            Spec.Problem("RH0102", $"{modifier} must be positive (was {value})", line);
        return value;
    }
}
