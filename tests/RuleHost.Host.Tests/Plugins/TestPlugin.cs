using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>TestPlugin compiles a small sink plugin with Roslyn into a folder, so tests can make versions, failures and throwing code on demand.</summary>
internal static class TestPlugin
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var abstractions = typeof(ISinkPlugin).Assembly.Location;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !string.Equals(Path.GetFileName(p), Path.GetFileName(abstractions), StringComparison.OrdinalIgnoreCase))
            .Append(abstractions)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

    /// <summary>Write emits <c>{folder}/{folder name}.dll</c> exporting one sink named <paramref name="sink"/>.</summary>
    public static string Write(string folder, string sink, string version, string send = "return ValueTask.FromResult(DeliveryResult.Delivered(200));", string constructor = "")
    {
        var source = $$"""
            using System;
            using System.Reflection;
            using System.Threading;
            using System.Threading.Tasks;
            using RuleHost.Notifications;

            [assembly: AssemblyInformationalVersion("{{version}}")]

            namespace TestPlugins;

            public sealed class TestSinkPlugin : ISinkPlugin
            {
                public TestSinkPlugin() { {{constructor}} }
                public string Name => "{{sink}}";
                public string DefaultTemplate => "@model RuleHost.Notifications.NotificationModel\n@Model.Rule";
                public string ContentType => "text/plain";
                public INotificationSink Create(SinkSettings settings) => new TestSink();
            }

            public sealed class TestSink : INotificationSink
            {
                public ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) { {{send}} }
            }
            """;
        var name = Path.GetFileName(folder);
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".dll");
        using (var file = File.Create(path))
        {
            var result = compilation.Emit(file);
            Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics));
        }

        return path;
    }
}
