using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleHost.Rules;

namespace RuleHost.Engine.Editor;

/// <summary>EditorApiStub compiles a static twin of <see cref="RuleScript"/>, for editors that cannot be told a script's globals type.</summary>
/// <remarks>
/// OmniSharp compiles a .csx without RuleHost's globals object (omnisharp-roslyn#1171) but takes imports from an rsp
/// file, and an imported type acts as <c>using static</c>. So every public instance member of RuleScript gets a public
/// static twin with the same signature and documentation; the bodies only throw, since nothing ever runs them. The
/// twin is read from RuleScript's compiled metadata through Roslyn's symbols each time it is built, so it cannot drift
/// from what the host compiles rule files against; symbols rather than System.Reflection because they give each
/// type, nullable annotation and default value in C# syntax, and the member's documentation.
/// </remarks>
internal static class EditorApiStub
{
    public const string AssemblyName = "RuleHost.Editor";
    private const string Namespace = "RuleHost.Editor";
    private const string ClassName = "RuleScriptApi";
    public const string TypeName = Namespace + "." + ClassName;

    private const string Body = "throw new global::System.NotSupportedException(EditorOnly)";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Build compiles the twin of RuleScript against <paramref name="referencePack"/> and RuleHost.Abstractions, with its documentation when it has an XML file.</summary>
    public static (byte[] Assembly, byte[] Documentation) Build(IReadOnlyList<string> referencePack)
    {
        var abstractions = typeof(RuleScript).Assembly.Location;
        var documentation = Path.ChangeExtension(abstractions, ".xml");
        var references = referencePack.Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(abstractions, documentation: File.Exists(documentation) ? new XmlDocumentation(documentation) : null));
        return Build(typeof(RuleScript).FullName!, [.. references]);
    }

    /// <summary>Build compiles the twin of the type named <paramref name="globalsType"/>, found in <paramref name="references"/>.</summary>
    internal static (byte[] Assembly, byte[] Documentation) Build(string globalsType, IReadOnlyList<MetadataReference> references)
    {
        var globals = CSharpCompilation.Create("probe", references: references).GetTypeByMetadataName(globalsType)
            ?? throw new InvalidOperationException($"{globalsType} is not in the references given");
        var tree = CSharpSyntaxTree.ParseText(Source(globals), new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse));
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable, deterministic: true);
        var compilation = CSharpCompilation.Create(AssemblyName, [tree], references, options);
        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        var emit = compilation.Emit(pe, xmlDocumentationStream: xml);
        if (!emit.Success)
            throw new InvalidOperationException($"the editor stub does not compile: {string.Join("; ", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}");
        return (pe.ToArray(), xml.ToArray());
    }

    /// <summary>Source is the C# of the twin of <paramref name="globals"/>.</summary>
    private static string Source(INamedTypeSymbol globals)
    {
        var text = new StringBuilder()
            .AppendLine($"namespace {Namespace};")
            .AppendLine()
            .AppendLine($"/// <summary>{ClassName} is what a rule file calls unqualified, for editors only: the host runs rule files against {globals.Name}.</summary>")
            .AppendLine($"public static class {ClassName}")
            .AppendLine("{")
            .AppendLine($"    private const string EditorOnly = \"{AssemblyName} only lets editors check rule files; rulehost runs them.\";");
        foreach (var member in Members(globals))
        {
            text.AppendLine();
            AppendDocumentation(text, member);
            text.Append("    public static ").AppendLine(Declaration(member));
        }

        return text.AppendLine("}").ToString();
    }

    /// <summary>Members are what a script sees on its globals: the public instance members of the type and its bases, System.Object's aside.</summary>
    private static IEnumerable<ISymbol> Members(INamedTypeSymbol globals)
    {
        for (var type = globals; type is { SpecialType: not SpecialType.System_Object }; type = type.BaseType)
        {
            foreach (var member in type.GetMembers().Where(m => m is { DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsOverride: false, IsImplicitlyDeclared: false }))
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove })
                    yield return member;
            }
        }
    }

    private static string Declaration(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method =>
            $"{method.ReturnType.ToDisplayString(TypeFormat)} {Name(method.Name)}({string.Join(", ", method.Parameters.Select(Parameter))}) => {Body};",
        IPropertySymbol { IsIndexer: false } property =>
            $"{property.Type.ToDisplayString(TypeFormat)} {Name(property.Name)} {{ get => {Body};{(property.SetMethod is { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false } ? $" set => {Body};" : "")} }}",
        _ => throw new NotSupportedException($"rulehost editor cannot mirror {member.Kind} '{member.Name}' of {member.ContainingType.Name} yet; teach {nameof(EditorApiStub)}"),
    };

    private static string Parameter(IParameterSymbol parameter)
    {
        var attributes = parameter.GetAttributes().Where(IsCallerInfo)
            .Select(a => $"[{a.AttributeClass!.ToDisplayString(TypeFormat)}({string.Join(", ", a.ConstructorArguments.Select(c => c.ToCSharpString()))})] ");
        var modifier = parameter.IsParams ? "params " : parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            _ => "",
        };
        var value = parameter.HasExplicitDefaultValue ? " = " + DefaultValue(parameter) : "";
        return $"{string.Concat(attributes)}{modifier}{parameter.Type.ToDisplayString(TypeFormat)} {Name(parameter.Name)}{value}";
    }

    /// <summary>IsCallerInfo is true for [CallerFilePath] and its kin, which change what a call site passes and so belong to the signature.</summary>
    private static bool IsCallerInfo(AttributeData attribute) =>
        attribute.AttributeClass is { } type
        && type.Name.StartsWith("Caller", StringComparison.Ordinal)
        && type.ContainingNamespace.ToDisplayString() == "System.Runtime.CompilerServices";

    private static string DefaultValue(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var literal = value is null ? "default" : SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)
            ?? throw new NotSupportedException($"rulehost editor cannot write the default value of '{parameter.Name}' of {parameter.ContainingSymbol.Name}");
        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : parameter.Type;
        var natural = value is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Char
            or SpecialType.System_Int32 or SpecialType.System_Double;
        return natural ? literal : $"({type.ToDisplayString(TypeFormat)})({literal})"; // an enum, long, float… default needs the cast
    }

    private static string Name(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>AppendDocumentation copies the member's XML documentation, so the editor shows it on completion and hover.</summary>
    private static void AppendDocumentation(StringBuilder text, ISymbol member)
    {
        var xml = member.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
            return;
        var content = string.Concat(XElement.Parse(xml).Nodes());
        foreach (var line in content.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            text.Append("    /// ").AppendLine(line);
    }
}
