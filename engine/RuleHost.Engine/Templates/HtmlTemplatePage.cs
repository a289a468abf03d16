namespace RuleHost.Engine.Templates;

/// <summary>HtmlTemplatePage renders every body that is not JSON (text/html, text/plain): values are HTML-encoded, Razor's default.</summary>
public abstract class HtmlTemplatePage : NotificationTemplatePage
{
    public override void Write(object? value)
    {
        if (!WriteRaw(value))
            base.Write(value);
    }
}
