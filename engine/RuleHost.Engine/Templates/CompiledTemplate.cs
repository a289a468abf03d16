using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;
using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>CompiledTemplate is one loaded version of one template: it renders bodies until it is replaced and unloaded.</summary>
internal sealed class CompiledTemplate(string path, Type page, TemplateLoadContext context)
{
    /// <summary>Path is the template as users name it, e.g. <c>rules/templates/ops-hook.cshtml</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Context is where this version lives; tests watch it being collected.</summary>
    public AssemblyLoadContext Context => context;

    /// <summary>Render runs the template; a throwing template becomes a <see cref="TemplateRenderException"/> naming its file and line.</summary>
    public string Render(NotificationModel model)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            ((NotificationTemplatePage)Activator.CreateInstance(page)!).Run(model, output);
        }
        catch (Exception e)
        {
            throw new TemplateRenderException(Where(e) + $": error {e.GetType().Name}: {e.Message}", e);
        }

        return output.ToString();
    }

    /// <summary>Unload lets the runtime collect this version once no render is using it any more.</summary>
    public void Unload() => context.Unload();

    /// <summary>Where finds the template line that threw, from the frames the template's portable PDB maps back to its file.</summary>
    private string Where(Exception e)
    {
        var frame = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => string.Equals(f.GetFileName(), Path, StringComparison.Ordinal) && f.GetFileLineNumber() > 0);
        return frame is null ? Path : $"{Path}({frame.GetFileLineNumber()},{Math.Max(1, frame.GetFileColumnNumber())})";
    }
}
