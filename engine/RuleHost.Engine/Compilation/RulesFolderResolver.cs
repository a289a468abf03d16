using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RuleHost.Engine.Compilation;

/// <summary>RulesFolderResolver resolves <c>#load</c> paths and refuses any that leave the rules folder.</summary>
/// <remarks>A transform, when given, replaces each loaded file's text as it is read (the sandbox's guarded version).</remarks>
internal sealed class RulesFolderResolver(string root, Func<SourceText, string, SourceText>? transform = null) : SourceReferenceResolver
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    private readonly SourceFileResolver _files = new(ImmutableArray<string>.Empty, root);

    /// <summary>Loaded lists every file a compilation pulled in through <c>#load</c>.</summary>
    public HashSet<string> Loaded { get; } = new(StringComparer.Ordinal);

    /// <summary>Refused lists the <c>#load</c> paths that pointed outside the rules folder.</summary>
    public List<string> Refused { get; } = [];

    public override string? NormalizePath(string path, string? baseFilePath) => _files.NormalizePath(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        var resolved = _files.ResolveReference(path, baseFilePath);
        if (resolved is null)
            return null;
        var full = Path.GetFullPath(resolved);
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            Refused.Add(path);
            return null;
        }

        Loaded.Add(full);
        return full;
    }

    public override Stream OpenRead(string resolvedPath) => _files.OpenRead(resolvedPath);

    public override SourceText ReadText(string resolvedPath)
    {
        using var stream = OpenRead(resolvedPath);
        var text = SourceText.From(stream, System.Text.Encoding.UTF8);
        return transform is null ? text : transform(text, resolvedPath);
    }

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => _root.GetHashCode(StringComparison.Ordinal);
}
