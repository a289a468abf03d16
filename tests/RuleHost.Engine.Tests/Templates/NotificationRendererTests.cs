using System.Text.Json;
using RuleHost.Engine.Templates;

namespace RuleHost.Engine.Tests.Templates;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class NotificationRendererTests
{
    private const string Nasty = "say \"hi\" <b>x</b> & co\nsecond line: ünïcödé ✓ 🚀 \\ back\tslash";

    private const string OpsHook = """
        @model RuleHost.Notifications.NotificationModel
        {
          "summary": "@Model.Alert.Summary",
          "rule": "@Model.Rule",
          "value": @Model.Alert.Value,
          "active": @Model.Alert.IsActive,
          "startsAt": "@Model.Alert.StartsAt",
          "endsAt": @Json(Model.Alert.EndsAt),
          "labels": @Json(Model.Labels),
          "runbook": @Json(Model.Runbook),
          "slack": "@Mrkdwn(Model.Alert.Summary)"
        }
        """;

    private TemplateHarness _h = null!;

    [SetUp]
    public void Prepare() => _h = new TemplateHarness();

    [TearDown]
    public void Cleanup()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine(string.Join('\n', _h.Logs.Lines));
        _h.Dispose();
    }

    [Test]
    public void A_json_template_writes_every_value_json_escaped_and_the_body_parses()
    {
        _h.Write("ops-hook.cshtml", OpsHook);
        var alert = TemplateHarness.Alert(Nasty, new Dictionary<string, string> { ["team"] = Nasty });

        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), targetTemplate: "ops-hook.cshtml", alert: alert);

        Assert.That(rendered.Problem, Is.Null, rendered.Body);
        var notMrkdwn = string.Join('\n', rendered.Body.Split('\n').Where(line => !line.Contains("\"slack\"", StringComparison.Ordinal)));
        Assert.That(notMrkdwn, Does.Not.Contain("&quot;").And.Not.Contain("&lt;").And.Not.Contain("&amp;").And.Not.Contain("&#"));
        using var json = JsonDocument.Parse(rendered.Body);
        var root = json.RootElement;
        Assert.That(root.GetProperty("summary").GetString(), Is.EqualTo(Nasty));
        Assert.That(root.GetProperty("rule").GetString(), Is.EqualTo("HighCpu"));
        Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(97.5));
        Assert.That(root.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("startsAt").GetDateTimeOffset(), Is.EqualTo(alert.StartsAt));
        Assert.That(root.GetProperty("endsAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("labels").GetProperty("team").GetString(), Is.EqualTo(Nasty));
        Assert.That(root.GetProperty("runbook").GetString(), Is.EqualTo(alert.Runbook));
        Assert.That(root.GetProperty("slack").GetString(), Is.EqualTo(Nasty.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")));
    }

    [Test]
    public void An_html_template_stays_html_encoded()
    {
        _h.Write("mail.cshtml", "<p>@Model.Alert.Summary</p>");

        var rendered = _h.Render(new TestSink("<p>default</p>", "text/html"), ruleTemplate: "mail.cshtml", alert: TemplateHarness.Alert("say \"hi\" <b>x</b> & co"));

        Assert.That(rendered.Problem, Is.Null);
        Assert.That(rendered.ContentType, Is.EqualTo("text/html"));
        Assert.That(rendered.Body, Is.EqualTo("<p>say &quot;hi&quot; &lt;b&gt;x&lt;/b&gt; &amp; co</p>"));
    }

    [Test]
    public void The_rule_template_wins_over_the_target_template_which_wins_over_the_default()
    {
        _h.Write("rule.cshtml", """{"from": "rule"}""");
        _h.Write("target.cshtml", """{"from": "target"}""");
        var sink = new TestSink("""{"from": "default"}""");

        Assert.That(_h.Render(sink, "rule.cshtml", "target.cshtml").Body, Is.EqualTo("""{"from": "rule"}"""));
        Assert.That(_h.Render(sink, null, "target.cshtml").Body, Is.EqualTo("""{"from": "target"}"""));
        Assert.That(_h.Render(sink).Body, Is.EqualTo("""{"from": "default"}"""));
    }

    [Test]
    public void An_edited_template_is_used_by_the_next_render()
    {
        var sink = new TestSink(TestSink.JsonDefault);
        _h.Write("hook.cshtml", """{"version": 1}""");
        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"version": 1}"""));

        _h.Write("hook.cshtml", """{"version": 2}""");

        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"version": 2}"""));
        Assert.That(_h.Renderer.Status().Single(s => s.Path.EndsWith("hook.cshtml", StringComparison.Ordinal)).Version, Is.EqualTo(2));
    }

    [Test]
    public void A_template_that_does_not_compile_falls_back_to_the_default_and_is_reported_with_file_and_line()
    {
        _h.Write("broken.cshtml", """
            @model RuleHost.Notifications.NotificationModel
            {
              "summary": "@Model.Alert.Summmary"
            }
            """);

        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), ruleTemplate: "broken.cshtml");

        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
        const string Diagnostic = @"templates/broken\.cshtml\(3,\d+\): error CS1061: .*'Summmary'";
        Assert.That(rendered.Problem, Does.Match(Diagnostic));
        Assert.That(_h.Logs.Lines, Has.Some.Match(Diagnostic));
        var status = _h.Renderer.Status().Single(s => s.Path.EndsWith("broken.cshtml", StringComparison.Ordinal));
        Assert.That(status.Ok, Is.False);
        Assert.That(status.Diagnostics.Select(d => (d.Line, d.Id)), Is.EqualTo(new[] { (3, "CS1061") }));
    }

    [Test]
    public void A_bad_edit_keeps_the_last_good_version_live()
    {
        var sink = new TestSink(TestSink.JsonDefault);
        _h.Write("hook.cshtml", """{"good": true}""");
        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"good": true}"""));

        _h.Write("hook.cshtml", """{"good": @Model.Nope}""");

        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"good": true}"""));
        var status = _h.Renderer.Status().Single(s => s.Path.EndsWith("hook.cshtml", StringComparison.Ordinal));
        Assert.That((status.Ok, status.Version), Is.EqualTo((false, 1)));
        Assert.That(status.Diagnostics.Single().ToString(), Does.Match(@"hook\.cshtml\(1,\d+\): error CS1061"));
    }

    [Test]
    public void A_template_that_throws_falls_back_to_the_default_naming_the_line()
    {
        _h.Write("throws.cshtml", """
            {
              "summary": "@Model.Alert.Summary",
              "boom": "@(Model.Alert.Labels["missing"])"
            }
            """);

        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), ruleTemplate: "throws.cshtml");

        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
        Assert.That(rendered.Problem, Does.Match(@"templates/throws\.cshtml\(3,\d+\): error KeyNotFoundException"));
        Assert.That(_h.Renderer.Status().Single(s => s.Path.EndsWith("throws.cshtml", StringComparison.Ordinal)).RenderError, Does.Contain("KeyNotFoundException"));
    }

    [Test]
    public void A_missing_template_falls_back_to_the_default()
    {
        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), targetTemplate: "nowhere.cshtml");

        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
        Assert.That(rendered.Problem, Does.Contain("nowhere.cshtml(1,1): error RH0100: template file not found"));
    }

    [Test]
    public async Task Renders_on_many_threads_during_edits_all_succeed()
    {
        var sink = new TestSink(TestSink.JsonDefault);
        _h.Write("hook.cshtml", """{"version": 0, "summary": "@Model.Alert.Summary"}""");
        Assert.That(_h.Render(sink, "hook.cshtml").Problem, Is.Null, "version 0 is live before the workers start");
        using var stop = new CancellationTokenSource();
        var renders = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count == 0)
            {
                var rendered = _h.Render(sink, "hook.cshtml");
                Assert.That(rendered.Problem, Is.Null);
                Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("version").GetInt32(), Is.InRange(0, 5));
                count++;
            }

            return count;
        })).ToList();

        for (var version = 1; version <= 5; version++)
        {
            _h.Write("hook.cshtml", $$"""{"version": {{version}}, "summary": "@Model.Alert.Summary"}""");
            Assert.That(_h.Render(sink, "hook.cshtml").Body, Does.StartWith($$"""{"version": {{version}},"""));
        }

        await stop.CancelAsync();
        Assert.That(await Task.WhenAll(renders), Has.All.Positive);
    }

    [Test]
    public void An_empty_template_file_is_an_error_and_keeps_the_last_good_version()
    {
        var sink = new TestSink(TestSink.JsonDefault);
        _h.Write("hook.cshtml", """{"good": true}""");
        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"good": true}"""));

        _h.Write("hook.cshtml", "  \n");

        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"good": true}"""));
        Assert.That(_h.Renderer.Status().Single(s => s.Path.EndsWith("hook.cshtml", StringComparison.Ordinal)).Diagnostics.Single().Id, Is.EqualTo("RH0102"));
    }

    [Test]
    public void A_deleted_template_is_no_longer_used()
    {
        var sink = new TestSink(TestSink.JsonDefault);
        var path = _h.Write("hook.cshtml", """{"from": "file"}""");
        Assert.That(_h.Render(sink, "hook.cshtml").Body, Is.EqualTo("""{"from": "file"}"""));

        File.Delete(path);

        var rendered = _h.Render(sink, "hook.cshtml");
        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
        Assert.That(rendered.Problem, Does.Contain("hook.cshtml(1,1): error RH0100: template file not found"));
    }

    [TestCase("../secrets.cshtml")]
    [TestCase("/etc/passwd")]
    [TestCase("hook.txt")]
    public void A_template_name_outside_the_folder_is_refused(string name)
    {
        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), ruleTemplate: name);

        Assert.That(rendered.Problem, Does.Contain("must name a .cshtml file"));
        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
    }

    [Test]
    public void A_default_template_that_fails_falls_back_to_minimal_json_of_the_alert()
    {
        var rendered = _h.Render(new TestSink("""{"x": "@Model.Nope"}""", name: "brokensink"), ruleTemplate: "nowhere.cshtml");

        using var json = JsonDocument.Parse(rendered.Body);
        Assert.That(json.RootElement.GetProperty("alert").GetProperty("fingerprint").GetString(), Is.EqualTo("a1b2c3"));
        Assert.That(rendered.ContentType, Is.EqualTo("application/json"));
        Assert.That(rendered.Problem, Does.Contain("nowhere.cshtml").And.Contain("brokensink.default.cshtml(1,"));
        Assert.That(_h.Logs.Lines, Has.Some.StartsWith("Error 1254 "));
    }

    [Test]
    public void An_untyped_template_is_refused()
    {
        _h.Write("dynamic.cshtml", """
            @inherits RazorLight.TemplatePage<dynamic>
            {"x": "@Model.Whatever"}
            """);

        var rendered = _h.Render(new TestSink(TestSink.JsonDefault), ruleTemplate: "dynamic.cshtml");

        // Refused either way: the compiler has no dynamic binder to offer, and the page would not be a NotificationTemplatePage.
        Assert.That(rendered.Problem, Does.Match(@"dynamic\.cshtml\(\d+,\d+\): error (RH0101|CS1980)"));
        Assert.That(JsonDocument.Parse(rendered.Body).RootElement.GetProperty("default").GetBoolean(), Is.True);
    }
}
