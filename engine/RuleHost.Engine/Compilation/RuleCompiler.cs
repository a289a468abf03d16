using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using RuleHost.Engine.Sandbox;
using RuleHost.Rules;
using RuleHost.Sandbox;

namespace RuleHost.Engine.Compilation;

/// <summary>RuleCompiler turns one rule file into a loaded, registered <see cref="CompiledRuleFile"/>, or diagnostics.</summary>
/// <remarks>
/// Each version goes into its own collectible <see cref="RuleLoadContext"/>; CSharpScript.RunAsync is not used
/// because it loads into the default context and never unloads.
/// </remarks>
/// <param name="guard">False emits the code without the sandbox's guards: only for measuring what they cost.</param>
internal sealed class RuleCompiler(string rulesRoot, TimeSpan registrationBudget, ApiPolicy? policy = null, bool guard = true)
{
    private readonly ApiPolicy _policy = policy ?? new ApiPolicy(ApiAllowlist.Default);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);
    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);
    private static int _sequence;

    public string RulesRoot { get; } = Path.GetFullPath(rulesRoot);

    public CompileResult Compile(string path, string text)
    {
        var fullPath = Path.GetFullPath(path);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, fullPath);
        var syntaxErrors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (syntaxErrors.Count > 0)
            return CompileResult.Failed(syntaxErrors.Select(d => RuleDiagnostic.From(d, fullPath)), new HashSet<string>()); // semantic errors after a syntax error are mostly echoes
        var resolver = new RulesFolderResolver(RulesRoot);
        var name = $"rulehost-{Interlocked.Increment(ref _sequence)}";
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            usings: ScriptReferences.Imports,
            optimizationLevel: OptimizationLevel.Release,
            sourceReferenceResolver: resolver,
            concurrentBuild: false);
        var compilation = CSharpCompilation.CreateScriptCompilation(name, tree, ScriptReferences.All, options, globalsType: typeof(RuleScript));
        var checks = compilation.GetDiagnostics();
        var compileErrors = checks.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
            return CompileResult.Failed(compileErrors.Select(d => RuleDiagnostic.From(d, fullPath)).Concat(DirectiveProblems(compilation, resolver)).Distinct(), resolver.Loaded);
        var models = compilation.SyntaxTrees.Select(t => compilation.GetSemanticModel(t)).ToList();
        var refused = _policy.Check(models).ToList();
        if (refused.Count > 0)
            return CompileResult.Failed(refused, resolver.Loaded);

        var warnings = checks.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => RuleDiagnostic.From(d, fullPath)).ToList();
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = (guard ? Guarded(models, fullPath, options) : compilation).Emit(pe, pdb, options: EmitOptions);
        if (!emit.Success)
        {
            // The file compiled as written, so this is the sandbox's rewrite failing: say so rather than blame the rule.
            return CompileResult.Failed(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => RuleDiagnostic.From(d, fullPath) with { Id = "RH0299", Message = $"the sandbox could not guard this code ({d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)})" }), resolver.Loaded);
        }

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

        var file = new CompiledRuleFile(fullPath, registration.Script.Rules, registration.Script.Routes, resolver.Loaded, warnings, context);
        return new CompileResult(file, warnings, resolver.Loaded);
    }

    /// <summary>Guarded is the compilation that is emitted: every file (#load'ed ones too) with the sandbox's guards injected.</summary>
    private CSharpCompilation Guarded(IReadOnlyList<SemanticModel> models, string path, CSharpCompilationOptions options)
    {
        var guarded = models.ToDictionary(m => m.SyntaxTree.FilePath, m => GuardRewriter.Rewrite(m.SyntaxTree, m), StringComparer.Ordinal);
        var resolver = new RulesFolderResolver(RulesRoot, (text, loaded) => guarded.TryGetValue(loaded, out var tree) ? tree.GetText() : text);
        return CSharpCompilation.CreateScriptCompilation(
            models[0].Compilation.AssemblyName!, guarded[path], ScriptReferences.All, options.WithSourceReferenceResolver(resolver), globalsType: typeof(RuleScript));
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
        var budget = new GuardBudget(maxOperations: 50_000_000, registrationBudget, maxAllocatedBytes: 256L * 1024 * 1024);
        var run = RuleThread.RunAsync("rulehost-registration", () =>
        {
            RuleGuard.Use(budget);
            budget.Reset();
            try
            {
                return (Task<object>)factory.Invoke(null, [new object?[] { script, null }])!;
            }
            finally
            {
                RuleGuard.Use(null);
            }
        }).Unwrap();
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
            if (inner is RuleBudgetExceededException or InsufficientExecutionStackException)
                return (null, [RuleDiagnostic.Error(path, line, "RH0004", $"the file's top-level code was stopped: {inner.Message}")]);
            return (null, [RuleDiagnostic.Error(path, line, "RH0003", $"the file threw while registering its rules: {inner.GetType().Name}: {inner.Message}")]);
        }
    }

    private static int ScriptStackLine(Exception exception, string path)
    {
        var frames = new System.Diagnostics.StackTrace(exception, fNeedFileInfo: true).GetFrames();
        return frames.FirstOrDefault(f => f.GetFileName() == path)?.GetFileLineNumber() ?? 1;
    }
}
