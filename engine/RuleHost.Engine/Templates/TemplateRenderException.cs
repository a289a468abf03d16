namespace RuleHost.Engine.Templates;

/// <summary>TemplateRenderException is a template that threw while rendering; the message names its file and line.</summary>
internal sealed class TemplateRenderException(string message, Exception inner) : Exception(message, inner);
