using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace RuleHost.Engine.Editor;

/// <summary>XmlDocumentation reads a compiler's XML documentation file, so symbols of a metadata reference carry their documentation.</summary>
/// <remarks>Roslyn's own XmlDocumentationProvider lives in the Workspaces assembly, which the engine does not reference for this one use.</remarks>
internal sealed class XmlDocumentation(string path) : DocumentationProvider
{
    private readonly Dictionary<string, string> _members = XDocument.Load(path).Descendants("member")
        .Where(m => m.Attribute("name") is not null)
        .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().ToString(), StringComparer.Ordinal);

    private readonly string _path = Path.GetFullPath(path);

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.GetValueOrDefault(documentationMemberID);

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other._path == _path;

    public override int GetHashCode() => _path.GetHashCode(StringComparison.Ordinal);
}
