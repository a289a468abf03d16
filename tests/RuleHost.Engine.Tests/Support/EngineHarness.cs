using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Tests.Support;

/// <summary>EngineHarness runs real rule files through the real compiler and engine on a fake clock, recording every transition.</summary>
internal sealed class EngineHarness : IAlertObserver, IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public EngineHarness()
    {
        Catalog = new RuleCatalog(new RuleCompiler(Folder.Root, TimeSpan.FromSeconds(10)));
        Engine = new RuleEngine(Clock, this);
    }

    public RuleFolder Folder { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public RuleCatalog Catalog { get; }

    public RuleEngine Engine { get; }

    public List<AlertTransition> Transitions { get; } = [];

    public static EngineHarness With(string source, string file = "rules.csx")
    {
        var harness = new EngineHarness();
        harness.Folder.Write(file, source);
        harness.Load();
        return harness;
    }

    /// <summary>Restarted is a new engine, as after a restart at <paramref name="now"/>, that took over <paramref name="saved"/> before loading <paramref name="source"/>.</summary>
    public static EngineHarness Restarted(string source, IEnumerable<TrackState> saved, DateTimeOffset now, string file = "rules.csx")
    {
        var harness = new EngineHarness();
        harness.Clock.SetUtcNow(now);
        harness.Folder.Write(file, source);
        harness.Engine.Restore(saved);
        harness.Load();
        return harness;
    }

    /// <summary>Failing loads a folder holding one rule file that is expected not to load, for its diagnostics.</summary>
    public static EngineHarness Failing(string source, string file = "rules.csx")
    {
        var harness = new EngineHarness();
        harness.Folder.Write(file, source);
        harness.Load(allowErrors: true);
        return harness;
    }

    /// <summary>Load compiles the whole folder and swaps it in, failing the test on any diagnostic error.</summary>
    public RuleCatalogChange Load(bool allowErrors = false)
    {
        var change = Catalog.LoadAll();
        return Apply(change, allowErrors);
    }

    public RuleCatalogChange Refresh(string file, bool allowErrors = false) =>
        Apply(Catalog.Refresh([Folder.PathOf(file)]), allowErrors);

    /// <summary>Edit saves a new text for a rule file and refreshes it, as the folder watcher would.</summary>
    public RuleCatalogChange Edit(string file, string source, bool allowErrors = false)
    {
        Folder.Write(file, source);
        return Refresh(file, allowErrors);
    }

    /// <summary>Remove deletes a rule file and refreshes it, as the folder watcher would.</summary>
    public RuleCatalogChange Remove(string file)
    {
        Folder.Delete(file);
        return Refresh(file);
    }

    public void OnTransition(AlertTransition transition) => Transitions.Add(transition);

    /// <summary>Send evaluates an event at <paramref name="offset"/> after the start, moving the fake clock there first.</summary>
    public void Send(TimeSpan offset, string service = "api", string metric = "cpu", double? value = null, Dictionary<string, string>? tags = null)
    {
        var at = Start + offset;
        if (at > Clock.GetUtcNow())
            Clock.SetUtcNow(at);
        Engine.Evaluate(new Event
        {
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = at,
            Service = service,
            Metric = metric,
            Value = value,
            Tags = new EventTags(tags ?? []),
        });
    }

    /// <summary>Send evaluates a hand-built event, moving the fake clock to its timestamp if that is later.</summary>
    public void Send(Event e)
    {
        if (e.Timestamp > Clock.GetUtcNow())
            Clock.SetUtcNow(e.Timestamp);
        Engine.Evaluate(e);
    }

    /// <summary>AdvanceTo moves the fake clock and runs the engine's timers.</summary>
    public void AdvanceTo(TimeSpan offset)
    {
        Clock.SetUtcNow(Start + offset);
        Engine.Tick();
    }

    public IEnumerable<string> History(string rule, string key = "") =>
        Transitions.Where(t => t.Alert.Rule == rule && t.Alert.Key == key).Select(t => t.Alert.State.ToString());

    public AlertState? StateOf(string rule, string key = "") => Engine.Find(rule)?.Find(key)?.State;

    /// <summary>Last is the latest transition of one alert.</summary>
    public AlertTransition Last(string rule, string key = "") =>
        Transitions.Last(t => t.Alert.Rule == rule && t.Alert.Key == key);

    public RuleCounters CountersOf(string rule) =>
        Engine.Find(rule)?.Counters ?? throw new InvalidOperationException($"no rule named '{rule}' is loaded");

    public RuleFileStatus StatusOf(string file) =>
        Catalog.Status.Single(s => s.Path == file);

    public void Dispose() => Folder.Dispose();

    private RuleCatalogChange Apply(RuleCatalogChange change, bool allowErrors)
    {
        if (!allowErrors)
        {
            var errors = Catalog.Status.SelectMany(s => s.Diagnostics).Where(d => d.IsError).ToList();
            Assert.That(errors, Is.Empty, "rule files should compile");
        }

        Engine.Apply(change.RuleSet);
        change.UnloadReplaced();
        return change;
    }
}
