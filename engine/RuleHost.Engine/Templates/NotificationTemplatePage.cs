using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using RazorLight;
using RazorLight.Text;
using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>NotificationTemplatePage is the base of every notification template: a typed <see cref="NotificationModel"/> and the JSON helpers.</summary>
/// <remarks>Public only because compiled templates (their own assemblies) derive from it; the model is typed so no
/// <c>dynamic</c> call site can pin an unloadable template (dotnet/runtime #71629).</remarks>
public abstract class NotificationTemplatePage : TemplatePage<NotificationModel>
{
    /// <summary>Json writes <paramref name="value"/> as one complete JSON value: a quoted string, a number, an object, an array, null.</summary>
    public IHtmlContent Json(object? value) => new HtmlString(JsonSerializer.Serialize(value, TemplateJson.Options));

    /// <summary>Mrkdwn writes text for Slack mrkdwn inside a JSON string: &amp; &lt; &gt; become entities (so a value cannot
    /// smuggle <c>&lt;!channel&gt;</c>), then the result is JSON-escaped, without quotes.</summary>
    public IHtmlContent Mrkdwn(object? value) => new HtmlString(TemplateJson.Escape(TemplateJson.MrkdwnEscape(TemplateJson.Text(value))));

    /// <summary>Run renders this page for one model into <paramref name="output"/>.</summary>
    internal void Run(NotificationModel model, TextWriter output)
    {
        Model = model;
        PageContext = new PageContext { Writer = output, Model = model };
        ExecuteAsync().GetAwaiter().GetResult();
    }

    /// <summary>WriteRaw writes content a template marked as already safe: <c>@Raw(...)</c>, <c>@Json(...)</c>, <c>@Mrkdwn(...)</c>.</summary>
    protected bool WriteRaw(object? value)
    {
        switch (value)
        {
            case IRawString raw:
                raw.WriteTo(Output);
                return true;
            case IHtmlContent html:
                html.WriteTo(Output, HtmlEncoder.Default);
                return true;
            default:
                return false;
        }
    }
}
