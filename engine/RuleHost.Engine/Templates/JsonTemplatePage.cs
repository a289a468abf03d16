using RazorLight.Text;

namespace RuleHost.Engine.Templates;

/// <summary>JsonTemplatePage renders <c>application/json</c> bodies: every <c>@value</c> is written JSON-escaped, without quotes.</summary>
/// <remarks>Templates write <c>"summary": "@Model.Alert.Summary"</c>; numbers are invariant, bools true/false,
/// dates ISO-8601 round-trip, null empty. Use <c>@Json(value)</c> for a whole JSON value.</remarks>
public abstract class JsonTemplatePage : NotificationTemplatePage
{
    public override void Write(object? value)
    {
        if (!WriteRaw(value))
            Output.Write(TemplateJson.Escape(TemplateJson.Text(value)));
    }

    public override void Write(string? value) => Output.Write(TemplateJson.Escape(value));

    /// <summary>Raw writes text exactly as given; in a JSON body the template author answers for its validity.</summary>
    public new IRawString Raw(string value) => new RawString(value);
}
