using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleHost.Engine.Editor;
using RuleHost.Rules;

namespace RuleHost.Engine.Tests.Editor;

/// <summary>The editor stub, compared by System.Reflection (not the Roslyn symbols that wrote it) with the type it mirrors.</summary>
public sealed class EditorApiStubTests
{
    private static readonly IReadOnlyList<string> Pack = ReferencePack.Find()
        ?? throw new InvalidOperationException("the tests run on a .NET SDK, which has the reference pack");

    [Test]
    public void Stub_has_a_static_twin_of_every_public_member_of_RuleScript()
    {
        var (assembly, _) = EditorApiStub.Build(Pack);
        using var context = new StubContext();

        var stub = context.Add(assembly).GetType(EditorApiStub.TypeName)!;

        Assert.That(stub is { IsAbstract: true, IsSealed: true }, "a static class");
        Assert.That(Signatures(stub, BindingFlags.Static), Is.EquivalentTo(Signatures(typeof(RuleScript), BindingFlags.Instance)));
        Assert.That(Signatures(stub, BindingFlags.Static), Has.Some.Contains("ThresholdRule Rule(System.String name, [CallerFilePath] System.String file = \"\""));
    }

    [Test]
    public void Stub_is_compiled_against_reference_assemblies_as_an_editor_sees_them()
    {
        var (assembly, _) = EditorApiStub.Build(Pack);
        using var context = new StubContext();

        var referenced = context.Add(assembly).GetReferencedAssemblies().Select(a => a.Name);

        Assert.That(referenced, Does.Contain("System.Runtime").And.Not.Contain("System.Private.CoreLib"), "an editor references System.Runtime, never the runtime's CoreLib");
    }

    [Test]
    public void Stub_carries_the_documentation_of_RuleScript()
    {
        var (_, documentation) = EditorApiStub.Build(Pack);
        var abstractions = XDocument.Load(Path.ChangeExtension(typeof(RuleScript).Assembly.Location, ".xml"));

        var stub = Summaries(XDocument.Load(new MemoryStream(documentation)), "M:RuleHost.Editor.RuleScriptApi.");
        var script = Summaries(abstractions, "M:RuleHost.Rules.RuleScript.");

        Assert.That(script, Is.Not.Empty, "RuleHost.Abstractions.xml sits beside the assembly");
        Assert.That(stub, Is.EquivalentTo(script));
    }

    [Test]
    public void Stub_keeps_defaults_params_properties_and_keyword_names_of_any_globals_type()
    {
        var globals = Compile("Fake", """
            namespace Fake;
            public enum Level { Low, High }
            public class Base { public string Inherited(string @class) => @class; }
            public class Globals : Base
            {
                public long Count { get; set; }
                public string Name { get; } = "";
                public int Call(Level level = Level.High, long big = -5, double ratio = 1.5, float small = 0.25f, string? text = null,
                    bool flag = true, char letter = 'x', int? maybe = 3, params string[] rest) => 0;
                public void Log([System.Runtime.CompilerServices.CallerMemberName] string member = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) { }
                public override string ToString() => "";
            }
            """);
        var (assembly, _) = EditorApiStub.Build("Fake.Globals", [.. Pack.Select(p => MetadataReference.CreateFromFile(p)), MetadataReference.CreateFromImage(globals)]);
        using var context = new StubContext();

        var fake = context.Add(globals).GetType("Fake.Globals")!;
        var stub = context.Add(assembly).GetType(EditorApiStub.TypeName)!;

        Assert.That(Signatures(stub, BindingFlags.Static), Is.EquivalentTo(Signatures(fake, BindingFlags.Instance)));
        Assert.That(Signatures(stub, BindingFlags.Static), Has.Some.Contains("Level level = High, System.Int64 big = -5, System.Double ratio = 1.5"));
    }

    [TestCase("public T Pick<T>(T value) => value;", "Method 'Pick'")]
    [TestCase("public event System.Action? Changed;", "Event 'Changed'")]
    [TestCase("public int this[int i] => i;", "Property 'this[]'")]
    public void Stub_refuses_a_member_it_cannot_mirror_by_name(string member, string named)
    {
        var globals = Compile("Fake", $"namespace Fake; public class Globals {{ {member} }}");

        Assert.That(
            () => EditorApiStub.Build("Fake.Globals", [.. Pack.Select(p => MetadataReference.CreateFromFile(p)), MetadataReference.CreateFromImage(globals)]),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains($"cannot mirror {named}"));
    }

    /// <summary>Signatures describes every public member of <paramref name="type"/> (bases included, System.Object's aside) as one line each.</summary>
    private static IEnumerable<string> Signatures(Type type, BindingFlags kind)
    {
        var flags = BindingFlags.Public | BindingFlags.FlattenHierarchy | kind;
        var methods = type.GetMethods(flags).Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object) && m.GetBaseDefinition().DeclaringType != typeof(object));
        var properties = type.GetProperties(flags).Select(p => $"{p.PropertyType} {p.Name} {{ get;{(p.SetMethod is { IsPublic: true } ? " set;" : "")} }}");
        return methods.Select(m => $"{m.ReturnType} {m.Name}({string.Join(", ", m.GetParameters().Select(Parameter))})").Concat(properties);
    }

    private static string Parameter(ParameterInfo parameter)
    {
        var attributes = parameter.GetCustomAttributesData().Select(a => a.AttributeType.Name)
            .Where(n => n.StartsWith("Caller", StringComparison.Ordinal) || n == nameof(ParamArrayAttribute))
            .Select(n => $"[{n.Replace("Attribute", "", StringComparison.Ordinal)}] ");
        var value = parameter.HasDefaultValue ? $" = {Literal(parameter.DefaultValue)}" : "";
        return $"{string.Concat(attributes)}{parameter.ParameterType} {parameter.Name}{value}";
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static Dictionary<string, string> Summaries(XDocument documentation, string prefix) =>
        documentation.Descendants("member")
            .Where(m => m.Attribute("name")!.Value.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Attribute("name")!.Value[prefix.Length..], m => m.Element("summary")?.Value.Trim() ?? "");

    private static byte[] Compile(string name, string source)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], Pack.Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        Assert.That(emit.Success, string.Join("\n", emit.Diagnostics));
        return pe.ToArray();
    }

    /// <summary>StubContext loads a stub and the assembly it mirrors side by side, and unloads them after the test.</summary>
    private sealed class StubContext() : AssemblyLoadContext(isCollectible: true), IDisposable
    {
        private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.Ordinal);

        public Assembly Add(byte[] image)
        {
            var assembly = LoadFromStream(new MemoryStream(image));
            _loaded[assembly.GetName().Name!] = assembly;
            return assembly;
        }

        protected override Assembly? Load(AssemblyName name) => _loaded.GetValueOrDefault(name.Name!); // else the default context: RuleHost.Abstractions, the framework

        public void Dispose() => Unload();
    }
}
