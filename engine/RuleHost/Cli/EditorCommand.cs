using RuleHost.Engine.Compilation;
using RuleHost.Engine.Editor;

namespace RuleHost.Host.Cli;

/// <summary>EditorCommand writes what editors need for completion and errors in rule files: <c>.rulehost/</c> and <c>omnisharp.json</c> in the rules folder.</summary>
internal static class EditorCommand
{
    public static async Task<int> RunAsync(Flags flags, TextWriter output, TextWriter error)
    {
        if (flags.Positional.Count > 0)
        {
            await error.WriteLineAsync("usage: rulehost editor [--rules DIR]");
            return 2;
        }

        var dir = flags["--rules"] ?? "rules";
        if (!Directory.Exists(dir))
        {
            await error.WriteLineAsync($"rulehost editor: no such folder '{dir}'");
            return 1;
        }

        IReadOnlyList<string> written;
        try
        {
            written = EditorSetup.Write(dir);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"rulehost editor: {e.Message}");
            return 1;
        }

        foreach (var path in written)
            await output.WriteLineAsync($"wrote {DisplayPath.Of(path)}");
        await output.WriteLineAsync(
            $"Next: open {dir} itself in VS Code (File > Open Folder), with the C# extension on OmniSharp (\"dotnet.server.useOmnisharp\": true); "
            + "docs/rules.md, \"Editor support\". Run rulehost editor again after upgrading RuleHost.");
        return 0;
    }
}
