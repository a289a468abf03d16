using System.Collections.Immutable;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.CodeAnalysis;
using RazorLight;
using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateReferences are the assemblies every template compiles against, built once per process.</summary>
/// <remarks>Built from the loaded assemblies themselves, so the host needs no PreserveCompilationContext (RazorLight's
/// own compiler reads the entry assembly's dependency context, which a test runner or a plugin host does not have).</remarks>
internal static class TemplateReferences
{
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Linq", "System.Collections", "System.Runtime.Extensions",
        "System.Text.Encodings.Web", "System.Threading.Tasks", "System.ComponentModel", "System.Memory", "System.Text.RegularExpressions",
        "System.Web.HttpUtility", "System.Private.Uri", "System.Text.Json", "System.ObjectModel",
    ];

    private static readonly Type[] Anchors =
    [
        typeof(TemplatePage), typeof(IHtmlContent), typeof(ITagHelper), typeof(Microsoft.AspNetCore.Razor.Runtime.TagHelpers.TagHelperExecutionContext),
        typeof(NotificationModel), typeof(NotificationTemplatePage),
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Build);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Build()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = trusted.Where(p => FrameworkAssemblies.Contains(Path.GetFileNameWithoutExtension(p)));
        var anchors = Anchors.Select(t => t.Assembly.Location);
        return [.. framework.Concat(anchors).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
