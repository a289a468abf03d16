namespace RuleHost.Host.Tests.Plugins;

/// <summary>PluginFolders is a real temporary plugins folder, plus the first-party plugins the build put beside the tests.</summary>
internal sealed class PluginFolders : IDisposable
{
    public PluginFolders()
    {
        Root = Path.Combine(Path.GetTempPath(), "rulehost-plugin-tests", Guid.NewGuid().ToString("N"));
        Plugins = Path.Combine(Root, "plugins");
        Staging = Path.Combine(Root, "staging");
        Directory.CreateDirectory(Plugins);
        Directory.CreateDirectory(Staging);
    }

    /// <summary>FirstParty is where the build deployed the first-party plugins (plugins/&lt;name&gt;/ beside the test assembly).</summary>
    public static string FirstParty => Path.Combine(AppContext.BaseDirectory, "plugins");

    public string Root { get; }

    /// <summary>Plugins is the folder a host under test watches.</summary>
    public string Plugins { get; }

    /// <summary>Staging is where plugin folders are prepared before being copied in.</summary>
    public string Staging { get; }

    /// <summary>CopyIn copies a plugin folder into <see cref="Plugins"/> file by file, as a user's copy would arrive.</summary>
    public string CopyIn(string source, string name)
    {
        var target = Path.Combine(Plugins, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return target;
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
