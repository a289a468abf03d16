using System.Runtime.CompilerServices;
using System.Text.Json;
using RuleHost.Engine.Templates;

namespace RuleHost.Engine.Tests.Templates;

// Alone: it counts on full collections.
[NonParallelizable]
public sealed class TemplateUnloadTests
{
    private const int Edits = 50;

    [Test]
    public void Replaced_versions_of_an_edited_template_are_collected()
    {
        using var h = new TemplateHarness();
        var sink = new TestSink(TestSink.JsonDefault);

        var replaced = EditRepeatedly(h, sink);

        Assert.That(replaced, Has.Count.EqualTo(Edits - 1));
        var alive = CollectAll(replaced);
        Assert.That(alive, Is.Zero, $"{alive} of {replaced.Count} replaced template contexts are still reachable");
        Assert.That(Render(h, sink), Is.EqualTo(Edits), "the last version stays live");
    }

    /// <summary>EditRepeatedly writes and renders many versions and returns the replaced versions' contexts.</summary>
    /// <remarks>A method of its own, so nothing on the test's stack keeps a version alive.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> EditRepeatedly(TemplateHarness h, TestSink sink)
    {
        var contexts = new List<WeakReference>();
        for (var version = 1; version <= Edits; version++)
        {
            h.Write("hook.cshtml", $$"""
                @model RuleHost.Notifications.NotificationModel
                {"version": {{version}}, "summary": "@Model.Alert.Summary", "labels": @Json(Model.Labels), "slack": "@Mrkdwn(Model.Alert.Summary)"}
                """);
            Assert.That(Render(h, sink), Is.EqualTo(version));
            contexts.Add(LiveContext(h));
        }

        contexts.RemoveAt(contexts.Count - 1);
        return contexts;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Render(TemplateHarness h, TestSink sink)
    {
        var rendered = h.Render(sink, ruleTemplate: "hook.cshtml");
        Assert.That(rendered.Problem, Is.Null);
        using var json = JsonDocument.Parse(rendered.Body);
        return json.RootElement.GetProperty("version").GetInt32();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LiveContext(TemplateHarness h)
    {
        var context = h.Renderer.Live("hook.cshtml", TemplateKind.Json)!.Context;
        Assert.That(context.IsCollectible, Is.True);
        return new WeakReference(context);
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
