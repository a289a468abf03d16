namespace RuleHost.Engine.Templates;

/// <summary>TemplateKind picks a template's base page: how <c>@value</c> is written into the body.</summary>
internal enum TemplateKind
{
    /// <summary>Json: values are JSON-escaped (<see cref="JsonTemplatePage"/>), for <c>application/json</c> bodies.</summary>
    Json,

    /// <summary>Html: values are HTML-encoded (<see cref="HtmlTemplatePage"/>), for every other content type.</summary>
    Html,
}

/// <summary>TemplateKinds maps a body's content type to the kind of template that renders it.</summary>
internal static class TemplateKinds
{
    public static TemplateKind Of(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? TemplateKind.Json
            : TemplateKind.Html;
    }
}
