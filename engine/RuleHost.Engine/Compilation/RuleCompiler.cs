using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using RuleHost.Rules;

namespace RuleHost.Engine.Compilation;

/// <summary>RuleCompiler turns one rule file into a loaded, registered <see cref="CompiledRuleFile"/>, or diagnostics.</summary>
/// <remarks>
/// Each version goes into its own collectible <see cref="RuleLoadContext"/>; CSharpScript.RunAsync is not used
/// because it loads into the default context and never unloads.
/// </remarks>
internal sealed class RuleCompiler(string rulesRoot, TimeSpan registrationBudget)
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);
    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);
    private static int _sequence;

    public string RulesRoot { get; } = Path.GetFullPath(rulesRoot);

    public CompileResult Compile(string path, string text)
    {
        var fullPath = Path.GetFullPath(path);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, fullPath);
        var resolver = new RulesFolderResolver(RulesRoot);
        var name = $"rulehost-{Interlocked.Increment(ref _sequence)}";
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: ScriptReferences.Imports,
            optimizationLevel: OptimizationLevel.Release,
            sourceReferenceResolver: resolver,
            concurrentBuild: false);
        var compilation = CSharpCompilation.CreateScriptCompilation(name, tree, ScriptReferences.All, options, globalsType: typeof(RuleScript));

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = compilation.Emit(pe, pdb, options: EmitOptions);
        var diagnostics = emit.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => RuleDiagnostic.From(d, fullPath))
            .Concat(DirectiveProblems(compilation, resolver))
            .ToList();
        if (!emit.Success || diagnostics.Any(d => d.IsError))
            return CompileResult.Failed(diagnostics.Where(d => d.IsError).Distinct(), resolver.Loaded);

        pe.Position = 0;
        pdb.Position = 0;
        var context = new RuleLoadContext(name);
        var registration = Register(context.LoadFromStream(pe, pdb), fullPath);
        var problems = registration.Problems.Concat(RuleFileValidator.Validate(registration.Script?.Rules ?? [])).ToList();
        if (registration.Script is null || problems.Count > 0)
        {
            context.Unload();
            return CompileResult.Failed(problems, resolver.Loaded);
        }

        var file = new CompiledRuleFile(fullPath, registration.Script.Rules, registration.Script.Routes, resolver.Loaded, diagnostics, context);
        return new CompileResult(file, diagnostics, resolver.Loaded);
    }

    private static IEnumerable<RuleDiagnostic> DirectiveProblems(CSharpCompilation compilation, RulesFolderResolver resolver)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetCompilationUnitRoot();
            foreach (var directive in root.GetReferenceDirectives())
                yield return RuleDiagnostic.Error(tree.FilePath, LineOf(directive), "RH0001", "#r is not allowed in rule files; rules can use only the framework and the rule API");
            foreach (var directive in root.GetLoadDirectives().Where(d => resolver.Refused.Contains(d.File.ValueText)))
                yield return RuleDiagnostic.Error(tree.FilePath, LineOf(directive), "RH0002", $"#load \"{directive.File.ValueText}\" points outside the rules folder");
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private (RuleScript? Script, List<RuleDiagnostic> Problems) Register(Assembly assembly, string path)
    {
        var factory = assembly.GetType("Script")?.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("The compiled rule file has no script entry point.");
        var script = new RuleScript();
        var run = Task.Run(() => (Task<object>)factory.Invoke(null, [new object?[] { script, null }])!);
        try
        {
            if (!run.Wait(registrationBudget))
                return (null, [RuleDiagnostic.Error(path, 1, "RH0004", $"the file did not finish registering its rules within {registrationBudget.TotalSeconds:0.#} s")]);
            return (script, []);
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException is TargetInvocationException { InnerException: { } t } ? t : e.InnerException ?? e;
            var line = ScriptStackLine(inner, path);
            return (null, [RuleDiagnostic.Error(path, line, "RH0003", $"the file threw while registering its rules: {inner.GetType().Name}: {inner.Message}")]);
        }
    }

    private static int ScriptStackLine(Exception exception, string path)
    {
        var frames = new System.Diagnostics.StackTrace(exception, fNeedFileInfo: true).GetFrames();
        return frames.FirstOrDefault(f => f.GetFileName() == path)?.GetFileLineNumber() ?? 1;
    }
}
