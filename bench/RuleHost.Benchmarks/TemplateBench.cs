using Microsoft.Extensions.Logging.Abstractions;
using RuleHost.Engine.Templates;
using RuleHost.Notifications;

namespace RuleHost.Benchmarks;

/// <summary>TemplateBench is a templates folder with a realistic JSON template (the sample ops-hook), a sink and a model to render.</summary>
internal sealed class TemplateBench : IDisposable
{
    public const string OpsHook = """
        @model RuleHost.Notifications.NotificationModel
        {
          "id": "@Model.NotificationId",
          "kind": "@Model.Kind.ToString().ToLowerInvariant()",
          "target": "@Model.Target",
          "fingerprint": "@Model.Alert.Fingerprint",
          "rule": "@Model.Rule",
          "key": "@Model.Alert.Key",
          "state": "@Model.Alert.State.ToString().ToLowerInvariant()",
          "severity": "@Model.Alert.Severity.ToString().ToLowerInvariant()",
          "summary": "@Model.Alert.Summary",
          "description": @Json(Model.Alert.Description),
          "value": @Json(Model.Alert.Value),
          "labels": @Json(Model.Labels),
          "runbook": @Json(Model.Runbook),
          "startsAt": "@Model.Alert.StartsAt",
          "endsAt": @Json(Model.Alert.EndsAt),
          "url": @Json(Model.AlertUrl),
          "sentAt": "@Model.Now"
        }
        """;

    public TemplateBench()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulehost-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "templates"));
        Write(OpsHook);
        Renderer = new NotificationRenderer(new TemplateCompiler(), Path.Combine(Root, "templates"), TimeProvider.System, NullLogger<NotificationRenderer>.Instance);
    }

    public string Root { get; }

    public NotificationRenderer Renderer { get; }

    public ISinkPlugin Sink { get; } = new Webhook();

    public NotificationModel Model { get; } = MakeModel();

    public void Write(string source) => File.WriteAllText(Path.Combine(Root, "templates", "ops-hook.cshtml"), source);

    public RenderedBody Render() => Renderer.Render(Model, Sink, ruleTemplate: null, targetTemplate: "ops-hook.cshtml");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static NotificationModel MakeModel()
    {
        var alert = new Alert
        {
            Fingerprint = "5f1c2a9e0b7d4c13",
            Rule = "HighCpu",
            Key = "payments-api",
            State = AlertState.Firing,
            Severity = Severity.Critical,
            Summary = "CPU 97% on payments-api \"eu-west\" <prod>",
            Description = "CPU above 85% for 2 minutes",
            Runbook = "https://runbooks.example.com/cpu",
            Labels = new Dictionary<string, string> { ["team"] = "payments", ["env"] = "prod", ["region"] = "eu-west-1" },
            StartsAt = new DateTimeOffset(2026, 11, 26, 9, 58, 0, TimeSpan.Zero),
            FiredAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero),
            Value = 97.25,
        };
        return new NotificationModel
        {
            Alert = alert,
            Kind = NotificationKind.Firing,
            Target = "ops-hook",
            NotificationId = "5f1c2a9e0b7d4c13-1",
            Alerts = [alert],
            AlertUrl = "http://127.0.0.1:5080/api/v1/alerts?fingerprint=5f1c2a9e0b7d4c13",
            Now = new DateTimeOffset(2026, 11, 26, 10, 0, 1, TimeSpan.Zero),
        };
    }

    private sealed class Webhook : ISinkPlugin
    {
        public string Name => "webhook";

        public string DefaultTemplate => """{"summary": "@Model.Alert.Summary"}""";

        public string ContentType => "application/json";

        public INotificationSink Create(SinkSettings settings) => throw new NotSupportedException();
    }
}
