using Microsoft.AspNetCore.Razor.Language;
using Microsoft.Extensions.DependencyInjection;
using RazorLight.Extensions;
using RazorLight.Generation;
using RazorLight.Razor;
using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>RazorCodeGenerator turns a template's Razor source into C#; compiling and loading that C# is <see cref="TemplateCompiler"/>'s job.</summary>
/// <remarks>Only RazorLight's generator is used: its own compiler loads every template into a context that never unloads.</remarks>
internal sealed class RazorCodeGenerator
{
    // RazorLight's configured Razor engine (its directives and passes) is internal; its DI registration is the public way to it.
    private static readonly Lazy<RazorEngine> Engine = new(() =>
    {
        var services = new ServiceCollection();
        services.AddRazorLight();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<RazorEngine>();
    });

    private readonly Lazy<ImportingGenerator> _json = new(() => new ImportingGenerator(Engine.Value, Imports(typeof(JsonTemplatePage))));
    private readonly Lazy<ImportingGenerator> _html = new(() => new ImportingGenerator(Engine.Value, Imports(typeof(HtmlTemplatePage))));

    /// <summary>Generate returns the C# for <paramref name="source"/>, or the Razor syntax errors (with <paramref name="path"/>, line and column).</summary>
    public (string? Code, IReadOnlyList<RuleDiagnostic> Errors) Generate(string path, string source, TemplateKind kind)
    {
        var generator = kind == TemplateKind.Json ? _json.Value : _html.Value;
        try
        {
            var generated = generator.GenerateCodeAsync(new TextSourceRazorProjectItem(path, source)).GetAwaiter().GetResult();
            return (generated.GeneratedCode, []);
        }
        catch (TemplateGenerationException e)
        {
            return (null, [.. e.Diagnostics.Select(d => ToDiagnostic(d, path))]);
        }
    }

    private static RuleDiagnostic ToDiagnostic(RazorDiagnostic d, string path) =>
        new(path, d.Span.LineIndex + 1, d.Span.CharacterIndex + 1, d.Id, IsError: true, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Imports is what every template gets without writing it: the usual namespaces and its base page.</summary>
    private static RazorSourceDocument Imports(Type basePage) => RazorSourceDocument.Create(
        $"""
        @using System
        @using System.Linq
        @using System.Collections.Generic
        @using RuleHost
        @using RuleHost.Notifications
        @inherits {basePage.FullName}

        """,
        "_TemplateImports.cshtml");

    /// <summary>ImportingGenerator adds the imports to source given as text (RazorLight gives such source none).</summary>
    private sealed class ImportingGenerator(RazorEngine engine, RazorSourceDocument imports) : RazorSourceGenerator(engine, project: null)
    {
        public override Task<IEnumerable<RazorSourceDocument>> GetImportsAsync(RazorLightProjectItem projectItem) =>
            Task.FromResult<IEnumerable<RazorSourceDocument>>([imports]);
    }
}
