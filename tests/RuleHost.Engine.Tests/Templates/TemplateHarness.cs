using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Templates;
using RuleHost.Engine.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Engine.Tests.Templates;

/// <summary>TemplateHarness is a real rules/templates folder on disk and a renderer over it, with its log captured.</summary>
internal sealed class TemplateHarness : IDisposable
{
    private static readonly TemplateCompiler SharedCompiler = new();

    public TemplateHarness()
    {
        Folder = new RuleFolder();
        Renderer = new NotificationRenderer(SharedCompiler, Folder.PathOf("templates"), Clock, Logs);
    }

    public RuleFolder Folder { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public ListLogger<NotificationRenderer> Logs { get; } = new();

    public NotificationRenderer Renderer { get; }

    /// <summary>Write writes a template file; each write gets a later time stamp, as an editor's save a moment later would.</summary>
    /// <remarks>Stamps are in the past, so the renderer sees each save as finished (<see cref="TemplateSlot.SettleTime"/>).</remarks>
    public string Write(string name, string source)
    {
        var path = Folder.Write(Path.Combine("templates", name), source);
        var previous = _stamps.GetValueOrDefault(name, DateTime.UtcNow.AddHours(-1));
        var stamp = previous.AddSeconds(1);
        File.SetLastWriteTimeUtc(path, stamp);
        _stamps[name] = stamp;
        return path;
    }

    private readonly Dictionary<string, DateTime> _stamps = [];

    public RenderedBody Render(ISinkPlugin sink, string? ruleTemplate = null, string? targetTemplate = null, Alert? alert = null) =>
        Renderer.Render(Model(alert ?? Alert()), sink, ruleTemplate, targetTemplate);

    public static Alert Alert(string summary = "CPU 97% on api", IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        Fingerprint = "a1b2c3",
        Rule = "HighCpu",
        Key = "api",
        State = AlertState.Firing,
        Severity = Severity.Critical,
        Summary = summary,
        Runbook = "https://runbooks.example.com/cpu",
        Labels = labels ?? new Dictionary<string, string> { ["team"] = "ops" },
        StartsAt = new DateTimeOffset(2026, 11, 26, 9, 58, 0, TimeSpan.Zero),
        FiredAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero),
        Value = 97.5,
    };

    public NotificationModel Model(Alert alert) => new()
    {
        Alert = alert,
        Kind = NotificationKind.Firing,
        Target = "ops-hook",
        NotificationId = alert.Fingerprint + "-1",
        Alerts = [alert],
        Now = Clock.GetUtcNow(),
    };

    public void Dispose() => Folder.Dispose();
}
