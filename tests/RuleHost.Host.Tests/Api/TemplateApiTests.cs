using System.Text.Json.Nodes;
using RuleHost.Engine.Templates;
using RuleHost.Host.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Api;

/// <summary>GET /api/v1/templates: every template in rules/templates with its status and diagnostics; the host's renderer uses them.</summary>
public sealed class TemplateApiTests
{
    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(
        ("templates/good.cshtml", """{"summary": "@Model.Alert.Summary"}"""),
        ("templates/broken.cshtml", "{\n  \"x\": \"@Model.Alert.Sumary\"\n}"));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task Templates_list_each_file_with_status_and_diagnostics()
    {
        var templates = (await _host.GetJsonAsync("/api/v1/templates")).AsArray();

        var good = Find(templates, "good.cshtml");
        var broken = Find(templates, "broken.cshtml");
        Assert.That((string?)good["status"], Is.EqualTo("ok"));
        Assert.That((int)good["version"]!, Is.EqualTo(1));
        Assert.That((string?)broken["status"], Is.EqualTo("error"));
        var diagnostic = broken["diagnostics"]!.AsArray().Single()!;
        Assert.That(((int)diagnostic["line"]!, (string?)diagnostic["id"]), Is.EqualTo((2, "CS1061")));
        Assert.That((string?)diagnostic["text"], Does.Match(@"templates/broken\.cshtml\(2,\d+\): error CS1061"));
    }

    [Test]
    public void The_host_renders_with_its_rules_folder_templates()
    {
        var renderer = _host.Service<INotificationRenderer>();
        var alert = new Alert { Fingerprint = "f1", Rule = "R", Key = "k", State = AlertState.Firing, StartsAt = DateTimeOffset.UnixEpoch, Summary = "say \"hi\"" };
        var model = new NotificationModel { Alert = alert, Kind = NotificationKind.Firing, Target = "ops-hook" };

        var rendered = renderer.Render(model, new JsonSink(), ruleTemplate: null, targetTemplate: "good.cshtml");

        Assert.That(rendered.Problem, Is.Null);
        Assert.That((string?)JsonNode.Parse(rendered.Body)!["summary"], Is.EqualTo("say \"hi\""));
    }

    private static JsonNode Find(JsonArray templates, string file) =>
        templates.Single(t => ((string?)t!["path"])!.EndsWith(file, StringComparison.Ordinal))!;

    private sealed class JsonSink : ISinkPlugin
    {
        public string Name => "json";

        public string DefaultTemplate => """{"default": true}""";

        public string ContentType => "application/json";

        public INotificationSink Create(SinkSettings settings) => throw new NotSupportedException();
    }
}
