namespace RuleHost.Engine.Compilation;

/// <summary>DisplayPath shortens a full path to one relative to the working directory, as users typed it.</summary>
internal static class DisplayPath
{
    public static string Of(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            return path;
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
