using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RuleHost.Engine.Compilation;
using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>NotificationRenderer renders bodies with the rule's template, else the target's, else the sink's default; never loses one.</summary>
/// <remarks>
/// Templates are files in the templates folder (rules/templates), compiled on first use and again after each edit (a stat per
/// render notices it). A template that does not compile or throws falls back to the sink's default template; a default
/// that fails falls back to a minimal built-in JSON of the alert. Every failure is logged and kept in <see cref="Status"/>.
/// </remarks>
internal sealed class NotificationRenderer(TemplateCompiler compiler, string folder, TimeProvider clock, ILogger<NotificationRenderer> logger)
    : INotificationRenderer
{
    private readonly ConcurrentDictionary<(string Name, TemplateKind Kind), TemplateSlot> _files = new();
    private readonly ConcurrentDictionary<(string Sink, TemplateKind Kind), TemplateSlot> _defaults = new();

    /// <summary>Folder is the templates folder, e.g. <c>rules/templates</c>.</summary>
    public string Folder { get; } = folder;

    public RenderedBody Render(NotificationModel model, ISinkPlugin sink, string? ruleTemplate, string? targetTemplate)
    {
        var kind = TemplateKinds.Of(sink.ContentType);
        string? problem = null;
        var chosen = string.IsNullOrWhiteSpace(ruleTemplate) ? targetTemplate : ruleTemplate;
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            var slot = FileSlot(chosen, kind, out problem);
            if (slot is not null && TryRender(slot, model, out var body, ref problem))
                return new RenderedBody(body, sink.ContentType);
        }

        string? defaultProblem = null;
        var fallback = DefaultSlot(sink, kind);
        if (TryRender(fallback, model, out var defaultBody, ref defaultProblem))
        {
            if (problem is not null)
                Log.FellBackToDefault(logger, model.NotificationId, model.Target, sink.Name, problem);
            return new RenderedBody(defaultBody, sink.ContentType, problem);
        }

        var why = string.Join("; ", new[] { problem, defaultProblem }.Where(p => p is not null));
        Log.FellBackToMinimal(logger, model.NotificationId, model.Target, why);
        return new RenderedBody(MinimalJson.Of(model, why), "application/json", why);
    }

    /// <summary>Status lists every template in the folder (compiling what changed) and every sink default rendered so far.</summary>
    public IReadOnlyList<TemplateStatus> Status()
    {
        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*.cshtml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!_files.Keys.Any(k => k.Name == name))
                    FileSlot(name, TemplateKind.Json, out _);
                foreach (var key in _files.Keys.Where(k => k.Name == name))
                    FileSlot(name, key.Kind, out _);
            }
        }

        return
        [
            .. _files.OrderBy(f => f.Key.Name, StringComparer.Ordinal).Select(f => StatusOf(f.Value, "file")),
            .. _defaults.OrderBy(d => d.Key.Sink, StringComparer.Ordinal).Select(d => StatusOf(d.Value, "default")),
        ];
    }

    /// <summary>Live is the version of a file template that renders now, if any (for tests and diagnostics).</summary>
    internal CompiledTemplate? Live(string name, TemplateKind kind) => _files.TryGetValue((name, kind), out var slot) ? slot.Live : null;

    /// <summary>FileSlot finds a file template and brings it up to date; null (and why) when it has no usable version.</summary>
    private TemplateSlot? FileSlot(string name, TemplateKind kind, out string? problem)
    {
        if (!_files.TryGetValue((name, kind), out var slot))
        {
            if (!TemplateNames.IsValid(name))
            {
                problem = $"template '{name}' must name a .cshtml file in {DisplayPath.Of(Folder)}";
                return null;
            }

            slot = _files.GetOrAdd((name, kind), key => new TemplateSlot(Path.Combine(Folder, key.Name), DisplayPath.Of(Path.Combine(Folder, key.Name)), key.Kind));
        }

        Report(slot, slot.UseFile(compiler), "its notifications use the sink's default template");
        problem = slot.Live is null ? string.Join("; ", slot.Errors) : null;
        return slot.Live is null ? null : slot;
    }

    private TemplateSlot DefaultSlot(ISinkPlugin sink, TemplateKind kind)
    {
        var slot = _defaults.GetOrAdd((sink.Name, kind), k => new TemplateSlot(file: null, $"{k.Sink}.default.cshtml", k.Kind));
        Report(slot, slot.Use(sink.DefaultTemplate ?? "", compiler), "its notifications use the built-in minimal JSON");
        return slot;
    }

    private bool TryRender(TemplateSlot slot, NotificationModel model, out string body, ref string? problem)
    {
        body = "";
        if (slot.Live is not { } template)
        {
            problem ??= string.Join("; ", slot.Errors);
            return false;
        }

        try
        {
            body = template.Render(model);
            return true;
        }
        catch (TemplateRenderException e)
        {
            slot.RenderError = e.Message;
            slot.RenderErrorAt = clock.GetUtcNow();
            Log.TemplateRenderFailed(logger, e.Message, e.InnerException ?? e);
            problem = e.Message;
            return false;
        }
    }

    private void Report(TemplateSlot slot, TemplateUpdate update, string fallback)
    {
        if (update.Kind == TemplateUpdateKind.Compiled)
            Log.TemplateCompiled(logger, slot.Path, slot.Version, (long)update.Took.TotalMilliseconds);
        else if (update.Kind == TemplateUpdateKind.Failed)
            Log.TemplateFailed(logger, slot.Path, slot.Live is null ? fallback : "the last good version stays live", string.Join('\n', slot.Errors));
    }

    private static TemplateStatus StatusOf(TemplateSlot slot, string source) =>
        new(slot.Path, source, slot.Kind, slot.Ok, slot.Version, slot.Hash, slot.Errors, slot.RenderError, slot.RenderErrorAt);
}
