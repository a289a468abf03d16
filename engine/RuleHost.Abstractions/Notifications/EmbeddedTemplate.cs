using System.Reflection;

namespace RuleHost.Notifications;

/// <summary>EmbeddedTemplate reads a plugin's default template, shipped as an embedded resource named after its file (<c>webhook.cshtml</c>).</summary>
public static class EmbeddedTemplate
{
    public static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded resource '{name}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
