using System.Runtime.CompilerServices;
using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Compilation;

public sealed class CollectibleUnloadTests
{
    [Test]
    public void Replaced_versions_of_a_rule_file_are_collected()
    {
        using var h = new EngineHarness();
        var contexts = ReloadManyTimes(h, 12);

        for (var attempt = 0; attempt < 20 && contexts.Any(c => c.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(contexts, Has.Count.EqualTo(11));
        Assert.That(contexts.Count(c => c.IsAlive), Is.Zero, "every replaced version's load context must unload");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> ReloadManyTimes(EngineHarness h, int versions)
    {
        var contexts = new List<WeakReference>();
        for (var v = 0; v < versions; v++)
        {
            h.Folder.Write("cpu.csx", $$"""
                Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > {{80 + v}}).KeyBy(e => e.Service)
                    .Summary(e => $"CPU {e.Value} version {{v}}").Label("v", "{{v}}");
                """);
            var change = h.Refresh("cpu.csx");
            contexts.AddRange(change.Replaced.Select(f => f.WatchUnload()));
            h.Send(TimeSpan.FromSeconds(v), value: 99);
        }

        return contexts;
    }
}
