namespace RuleHost.Host.Tests.Support;

/// <summary>RuleFolder is a real temporary folder holding rule files (and a data folder and config beside them), deleted afterwards.</summary>
internal sealed class RuleFolder : IDisposable
{
    public RuleFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulehost-host-tests", Guid.NewGuid().ToString("N"));
        Rules = Path.Combine(Root, "rules");
        Directory.CreateDirectory(Rules);
    }

    public string Root { get; }

    public string Rules { get; }

    public string Data => Path.Combine(Root, "data");

    public string PathOf(string file) => Path.Combine(Rules, file);

    public string Write(string file, string source)
    {
        var path = PathOf(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, source);
        return path;
    }

    /// <summary>WriteConfig writes a rulehost.json beside the rules folder and returns its path.</summary>
    public string WriteConfig(string json)
    {
        var path = Path.Combine(Root, "rulehost.json");
        File.WriteAllText(path, json);
        return path;
    }

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
