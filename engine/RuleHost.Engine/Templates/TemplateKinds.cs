namespace RuleHost.Engine.Templates;

/// <summary>TemplateKinds maps a body's content type to the kind of template that renders it.</summary>
internal static class TemplateKinds
{
    public static TemplateKind Of(string? contentType)
    {
        var text = (contentType ?? "").AsSpan();
        var semicolon = text.IndexOf(';');
        var mediaType = (semicolon < 0 ? text : text[..semicolon]).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? TemplateKind.Json
            : TemplateKind.Html;
    }
}
