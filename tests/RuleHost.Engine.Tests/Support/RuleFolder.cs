namespace RuleHost.Engine.Tests.Support;

/// <summary>RuleFolder is a real temporary rules folder on disk, deleted after the test.</summary>
internal sealed class RuleFolder : IDisposable
{
    public RuleFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulehost-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string source)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, source);
        return path;
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a watcher may still hold the folder for a moment; the OS temp cleaner takes the rest
        }
    }
}
