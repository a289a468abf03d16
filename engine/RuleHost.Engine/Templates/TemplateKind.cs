namespace RuleHost.Engine.Templates;

/// <summary>TemplateKind picks a template's base page: how <c>@value</c> is written into the body.</summary>
internal enum TemplateKind
{
    /// <summary>Json: values are JSON-escaped (<see cref="JsonTemplatePage"/>), for <c>application/json</c> bodies.</summary>
    Json,

    /// <summary>Html: values are HTML-encoded (<see cref="HtmlTemplatePage"/>), for every other content type.</summary>
    Html,
}
