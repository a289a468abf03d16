using System.Security.Cryptography;
using System.Text;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginFolder reads a plugin folder on disk: its main assembly and a signature of its files, to tell a real change from noise.</summary>
internal static class PluginFolder
{
    /// <summary>MainAssembly finds the plugin's entry assembly: <c>{folder}.dll</c>, else the one assembly with a <c>.deps.json</c>, else the only assembly.</summary>
    public static string MainAssembly(string folder)
    {
        var name = Path.GetFileName(folder);
        var named = Path.Combine(folder, name + ".dll");
        if (File.Exists(named))
            return named;

        var dlls = Directory.GetFiles(folder, "*.dll");
        var withDeps = dlls.Where(d => File.Exists(Path.ChangeExtension(d, ".deps.json"))).ToList();
        if (withDeps.Count == 1)
            return withDeps[0];
        if (dlls.Length == 1)
            return dlls[0];
        throw new PluginLoadException(dlls.Length == 0
            ? "the folder holds no .dll"
            : $"cannot tell the main assembly among {dlls.Length} .dll files: name it {name}.dll or ship its .deps.json");
    }

    /// <summary>Signature hashes every file's relative path, size and write time; equal signatures mean nothing to reload.</summary>
    public static string Signature(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(Path.GetRelativePath(folder, file)).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
