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
        diagnostics = t.Diagnostics.Select(ApiJson.Diagnostic),
        lastRenderError = t.RenderError,
        lastRenderErrorAt = t.RenderErrorAt,
    }));
}
