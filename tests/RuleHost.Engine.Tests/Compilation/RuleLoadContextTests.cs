using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Compilation;

// Alone: it watches every assembly load in the process and counts on full collections.
[NonParallelizable]
public sealed class RuleLoadContextTests
{
    private const int Versions = 50;

    // Every kind and modifier that hands rule code to the engine, so any of them could pin a version.
    private const string Rules = """
        #load "_limits.csx"
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Service == "bad" ? throw new InvalidOperationException("VERSION") : e.Value > Limit())
            .KeyBy(e => e.Service)
            .Severity(e => e.Value > 95 ? Severity.Critical : Severity.Warning)
            .Summary(e => $"CPU {e.Value} on {e.Service} (VERSION)")
            .Description(e => "VERSION")
            .Label("version", e => "VERSION")
            .ResolveWhen(e => e.Value < Limit() - 10)
            .KeepFiringFor(TimeSpan.FromMinutes(1))
            .ResolveAfter(TimeSpan.FromHours(1));
        Heartbeat("Beat").Match(e => e.Metric == "beat").KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(1)).Summary(e => e.Service);
        Rate("Errors").Match(e => e.Metric == "http").Count(e => e.Tags["status"] == "500").Over(TimeSpan.FromMinutes(5)).Above(0.5);
        Anomaly("Latency").Match(e => e.Metric == "latency").Over(TimeSpan.FromHours(1)).Above(zScore: 3).MinEvents(2);
        Composite("Busy").AnyOf("HighCpu", "Beat");
        Route(a => a.Severity >= Severity.Critical, "pager");
        """;

    [Test]
    public void Replaced_versions_of_a_rule_file_are_collected()
    {
        using var h = new EngineHarness();
        h.Folder.Write("_limits.csx", "static double Limit() => 85;");

        var replaced = ReplaceRepeatedly(h);

        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing), "the alert lived through every version");
        Assert.That(h.CountersOf("HighCpu").Faults, Is.EqualTo(Versions));
        var alive = CollectAll(replaced);
        Assert.That(alive, Is.Zero, $"{alive} of {replaced.Count} replaced load contexts are still reachable");
        Assert.That(ContextOf(h, "HighCpu").IsAlive, Is.True, "the running version stays loaded");
    }

    [Test]
    public void Versions_refused_at_registration_are_collected()
    {
        using var h = EngineHarness.With("""Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);""");
        var refused = new List<WeakReference>();

        for (var version = 1; version <= 10; version++)
        {
            h.Folder.Write("rules.csx", $"""
                Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > {version});
                throw new InvalidOperationException("version {version}");
                """);
            refused.Add(LastContextLoadedBy(() => h.Refresh("rules.csx", allowErrors: true)));
        }

        Assert.That(refused, Has.All.Not.Null);
        Assert.That(CollectAll(refused), Is.Zero);
    }

    /// <summary>ReplaceRepeatedly loads and runs many versions of one file and returns the replaced ones' contexts.</summary>
    /// <remarks>A method of its own, so nothing on the test's stack (such as the last refresh's change) keeps a version alive.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> ReplaceRepeatedly(EngineHarness h)
    {
        var contexts = new List<WeakReference>();
        for (var version = 1; version <= Versions; version++)
        {
            h.Folder.Write("rules.csx", Rules.Replace("VERSION", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            h.Refresh("rules.csx");
            contexts.Add(ContextOf(h, "HighCpu"));
            Exercise(h, version);
        }

        contexts.RemoveAt(contexts.Count - 1); // the running version
        return contexts;
    }

    /// <summary>Exercise drives every rule of the current version so evaluation paths had their chance to keep a reference.</summary>
    private static void Exercise(EngineHarness h, int version)
    {
        var at = Minutes(version);
        h.Send(at, value: 90 + (version % 10));
        h.Send(at, service: "bad", value: 90);
        h.Send(at, metric: "beat");
        h.Send(at, metric: "http", tags: new() { ["status"] = version % 2 == 0 ? "500" : "200" });
        h.Send(at, metric: "latency", value: version % 7 == 0 ? 1000 : 100);
        h.AdvanceTo(at + Seconds(30));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(EngineHarness h, string rule)
    {
        var assembly = h.Engine.Find(rule)!.Spec.When!.Method.Module.Assembly;
        var context = AssemblyLoadContext.GetLoadContext(assembly);
        Assert.That(context!.IsCollectible, Is.True);
        return new WeakReference(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LastContextLoadedBy(Action action)
    {
        AssemblyLoadContext? loaded = null;
        void OnLoad(object? sender, AssemblyLoadEventArgs args) =>
            loaded = AssemblyLoadContext.GetLoadContext(args.LoadedAssembly) is { IsCollectible: true } c ? c : loaded;
        AppDomain.CurrentDomain.AssemblyLoad += OnLoad;
        try
        {
            action();
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= OnLoad;
        }

        return new WeakReference(loaded);
    }

    private static int CollectAll(List<WeakReference> references)
    {
        for (var attempt = 0; attempt < 20 && references.Any(r => r.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return references.Count(r => r.IsAlive);
    }
}
