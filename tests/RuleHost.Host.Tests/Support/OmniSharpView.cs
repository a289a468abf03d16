using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace RuleHost.Host.Tests.Support;

/// <summary>OmniSharpView compiles a .csx of a folder opened in VS Code the way OmniSharp does, from what the folder's omnisharp.json says.</summary>
/// <remarks>
/// As omnisharp-roslyn's ScriptProjectProvider: the rsp named by <c>script.rspFilePath</c> (relative to the opened
/// folder) is parsed by <c>CSharpCommandLineParser.Script</c>; its /r: references and /u: imports go into a script
/// compilation (language Latest, documentation parsed) with #load resolved from the folder. With
/// <c>enableScriptNuGetReferences</c> it compiles against the reference assemblies of <c>defaultTargetFramework</c>,
/// taken here from the SDK the tests run on, found without the production code's help. No RuleHost globals: OmniSharp's
/// own globals type (CommandLineScriptGlobals: Print, Args) offers nothing a rule file uses.
/// </remarks>
internal sealed class OmniSharpView
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    private readonly string _folder;
    private readonly ImmutableArray<string> _usings;
    private readonly List<MetadataReference> _references;

    public OmniSharpView(string folder)
    {
        _folder = Path.GetFullPath(folder);
        var script = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "omnisharp.json")))!["script"]!;
        Assert.That((bool?)script["enabled"], Is.True);
        Assert.That((bool?)script["enableScriptNuGetReferences"], Is.True, "without it OmniSharp compiles against the runtime it runs on");
        var rsp = Path.Combine(_folder, (string)script["rspFilePath"]!);
        var arguments = CSharpCommandLineParser.Script.Parse([$"@{rsp}"], _folder, sdkDirectory: null);
        Assert.That(arguments.Errors, Is.Empty, $"{rsp} parses");
        _usings = arguments.CompilationOptions.Usings;
        _references = [.. FrameworkReferences((string)script["defaultTargetFramework"]!)];
        _references.AddRange(arguments.MetadataReferences.Select(r => MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, _folder))));
    }

    /// <summary>Errors compiles one file of the folder and returns its errors (and those of the files it loads).</summary>
    public IReadOnlyList<Diagnostic> Errors(string file)
    {
        var path = Path.GetFullPath(file, _folder);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path)), ParseOptions, path);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: _usings, sourceReferenceResolver: new SourceFileResolver([], _folder));
        var compilation = CSharpCompilation.CreateScriptCompilation(Path.GetFileName(path), tree, _references, options);
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static IEnumerable<MetadataReference> FrameworkReferences(string targetFramework)
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // dotnet/shared/Microsoft.NETCore.App/VERSION
        var pack = Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref", Environment.Version.ToString(), "ref", targetFramework);
        Assert.That(Directory.Exists(pack), $"the SDK's reference pack for {targetFramework} at {pack}");
        return Directory.EnumerateFiles(pack, "*.dll").Select(p => MetadataReference.CreateFromFile(p));
    }
}
