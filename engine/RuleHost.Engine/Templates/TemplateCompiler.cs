using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateCompiler compiles a template (Razor → C# → an assembly) and loads it into its own collectible context.</summary>
internal sealed class TemplateCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Disable);

    private static readonly EmitOptions Emit = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    private readonly RazorCodeGenerator _generator = new();
    private readonly Lock _gate = new();
    private long _compiled;

    /// <summary>Compile returns the loaded template, or its errors as <c>path(line,col): error ID: message</c>; nothing is loaded on error.</summary>
    /// <remarks>One compile at a time: compiles are rare (an edit, a first use), CPU-heavy, and the Razor engine is shared.</remarks>
    public TemplateCompileResult Compile(string path, string source, TemplateKind kind)
    {
        lock (_gate)
            return CompileOne(path, source, kind);
    }

    private TemplateCompileResult CompileOne(string path, string source, TemplateKind kind)
    {
        var (code, razorErrors) = _generator.Generate(path, source, kind);
        if (code is null)
            return TemplateCompileResult.Failed(razorErrors);

        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path, System.Text.Encoding.UTF8);
        var name = $"RuleHost.Template.{Interlocked.Increment(ref _compiled)}.{Guid.NewGuid():N}";
        var compilation = CSharpCompilation.Create(name, [tree], TemplateReferences.All, CompilationOptions);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: Emit);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => RuleDiagnostic.From(d, path)).ToList();
        if (!emitted.Success)
            return TemplateCompileResult.Failed(errors);

        pe.Position = 0;
        pdb.Position = 0;
        return Load(path, name, pe, pdb);
    }

    private static TemplateCompileResult Load(string path, string name, Stream pe, Stream pdb)
    {
        var context = new TemplateLoadContext(name);
        var assembly = context.LoadFromStream(pe, pdb);
        var page = assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract && typeof(NotificationTemplatePage).IsAssignableFrom(t));
        if (page is null)
        {
            context.Unload();
            return TemplateCompileResult.Failed(
            [
                new RuleDiagnostic(path, 1, 1, "RH0101", IsError: true,
                    $"a template must inherit {nameof(JsonTemplatePage)} or {nameof(HtmlTemplatePage)} (typed NotificationModel), not an untyped page"),
            ]);
        }

        return TemplateCompileResult.Compiled(new CompiledTemplate(path, page, context));
    }
}
