using RuleHost.Engine.Compilation;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Rules;

namespace RuleHost.Testing;

/// <summary>RuleTestHost runs a rules folder on a virtual clock for unit tests: send events, move time, look at alerts.</summary>
/// <example>
/// <code>
/// var host = RuleTestHost.Load("rules");
/// host.Send(new Event { Service = "api", Metric = "cpu", Value = 95, Timestamp = host.Now });
/// host.AdvanceBy(TimeSpan.FromMinutes(3));
/// Assert.That(host.Alert("HighCpu", "api")?.State, Is.EqualTo(AlertState.Firing));
/// </code>
/// </example>
public sealed class RuleTestHost
{
    /// <summary>DefaultStart is where the virtual clock starts unless told otherwise.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly RuleSet _rules;
    private readonly Replay _replay;

    private RuleTestHost(RuleSet rules, DateTimeOffset start)
    {
        _rules = rules;
        _replay = new Replay(rules);
        _replay.AdvanceTo(start);
        Start = start;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset Now => _replay.Engine.Clock.GetUtcNow();

    /// <summary>Load compiles every rule file of a folder; it throws <see cref="RuleLoadException"/> listing the diagnostics if any fails.</summary>
    public static RuleTestHost Load(string rulesDirectory, DateTimeOffset? start = null) =>
        new(Compile(rulesDirectory), start ?? DefaultStart);

    internal static RuleTestHost From(RuleSet rules, DateTimeOffset start) => new(rules, start);

    internal static RuleSet Compile(string rulesDirectory)
    {
        if (!Directory.Exists(rulesDirectory))
            throw new RuleLoadException($"no such rules folder '{rulesDirectory}'");
        var catalog = new RuleCatalog(new RuleCompiler(rulesDirectory, TimeSpan.FromSeconds(5)));
        var change = catalog.LoadAll();
        var errors = catalog.Status.SelectMany(f => f.Diagnostics).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
            throw new RuleLoadException(string.Join(Environment.NewLine, errors));
        return change.RuleSet;
    }

    /// <summary>Send evaluates one event; the clock moves forward to its timestamp first (never back).</summary>
    public RuleTestHost Send(Event e)
    {
        _replay.Evaluate(e);
        return this;
    }

    /// <summary>Send builds and evaluates an event at <paramref name="at"/> after the start (or now).</summary>
    public RuleTestHost Send(string service, string? metric = null, double? value = null, TimeSpan? at = null, IDictionary<string, string>? tags = null) =>
        Send(new Event
        {
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = at is { } offset ? Start + offset : Now,
            Service = service,
            Metric = metric,
            Value = value,
            Tags = new EventTags(new Dictionary<string, string>(tags ?? new Dictionary<string, string>())),
        });

    /// <summary>AdvanceTo moves the clock forward, running timers (heartbeats, ResolveAfter) on the way.</summary>
    public RuleTestHost AdvanceTo(DateTimeOffset at)
    {
        _replay.AdvanceTo(at);
        return this;
    }

    public RuleTestHost AdvanceBy(TimeSpan duration) => AdvanceTo(Now + duration);

    /// <summary>Alerts are the active alerts now: pending, firing or acknowledged.</summary>
    public IReadOnlyList<Alert> Alerts =>
        [.. _replay.Engine.Evaluators.SelectMany(r => r.ActiveTracks.Select(t => r.Snapshot(t, null))).OrderBy(a => a.Rule).ThenBy(a => a.Key)];

    public Alert? Alert(string rule, string key = "") => Alerts.FirstOrDefault(a => a.Rule == rule && a.Key == key);

    /// <summary>Notifications are every alert that fired or resolved so far, with the targets it routes to.</summary>
    public IReadOnlyList<RuleTestNotification> Notifications =>
        [.. _replay.Transitions.Select(t => new RuleTestNotification(t.Alert, NotificationRouter.TargetsOf(t.Alert, _rules)))];
}
