using RuleHost.Engine.Templates;

namespace RuleHost.Host.Api;

/// <summary>TemplateEndpoints show every notification template: the files in rules/templates and the sink defaults used so far.</summary>
internal static class TemplateEndpoints
{
    public static IResult List(NotificationRenderer renderer) => Results.Ok(renderer.Status().Select(t => new
    {
        path = t.Path,
        source = t.Source,
        kind = t.Kind == TemplateKind.Json ? "json" : "html",
        status = t.Ok ? "ok" : "error",
        version = t.Version,
        hash = t.Hash,
        diagnostics = t.Diagnostics.Select(d => new
        {
            file = d.File,
            line = d.Line,
            column = d.Column,
            id = d.Id,
            severity = d.IsError ? "error" : "warning",
            message = d.Message,
            text = d.ToString(),
        }),
        lastRenderError = t.RenderError,
        lastRenderErrorAt = t.RenderErrorAt,
    }));
}
