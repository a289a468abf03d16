using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleHost.Engine.Compilation;
using RuleHost.Rules;

namespace RuleHost.Engine.Editor;

/// <summary>EditorSetup writes what an editor needs to check rule files against RuleHost's API: a rules folder's <c>.rulehost/</c> and the <c>omnisharp.json</c> that points at it.</summary>
/// <remarks>
/// .rulehost/ holds a copy of RuleHost.Abstractions (with its documentation), the <see cref="EditorApiStub"/>, and
/// rules.rsp, which references both and imports what <see cref="ScriptReferences.Imports"/> imports plus the stub's
/// class. The rsp names them by full path, so it is for this machine (the folder ignores itself in git). Every run
/// rewrites every file, byte for byte the same for the same RuleHost: run it again after upgrading RuleHost.
/// </remarks>
internal static class EditorSetup
{
    public const string Folder = ".rulehost";
    public const string ResponseFile = "rules.rsp";
    public const string OmniSharpFile = "omnisharp.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Write refreshes the editor files of <paramref name="rulesDir"/> and returns the full paths it wrote.</summary>
    /// <exception cref="InvalidOperationException">No .NET SDK to compile the stub against, or an omnisharp.json that is not a JSON object.</exception>
    public static IReadOnlyList<string> Write(string rulesDir)
    {
        var pack = ReferencePack.Find()
            ?? throw new InvalidOperationException($"found no .NET SDK reference pack for {ReferencePack.TargetFramework}; install the .NET SDK (the editor needs it too)");
        var root = Path.GetFullPath(rulesDir);
        var folder = Directory.CreateDirectory(Path.Combine(root, Folder)).FullName;
        var abstractions = typeof(RuleScript).Assembly.Location;
        var documentation = Path.ChangeExtension(abstractions, ".xml");
        var abstractionsCopy = Copy(abstractions, folder);
        var written = new List<string> { abstractionsCopy };
        if (File.Exists(documentation))
            written.Add(Copy(documentation, folder));
        var (stub, stubDocumentation) = EditorApiStub.Build(pack);
        var stubPath = Save(Path.Combine(folder, EditorApiStub.AssemblyName + ".dll"), stub);
        written.Add(stubPath);
        written.Add(Save(Path.ChangeExtension(stubPath, ".xml"), stubDocumentation));
        written.Add(Save(Path.Combine(folder, ResponseFile), ResponseFileText([abstractionsCopy, stubPath])));
        written.Add(Save(Path.Combine(folder, ".gitignore"), "# rulehost editor writes this folder for this machine\n*\n"));
        written.Add(WriteOmniSharp(Path.Combine(root, OmniSharpFile)));
        return written;
    }

    private static string ResponseFileText(IEnumerable<string> references)
    {
        var text = new StringBuilder("# Written by rulehost editor: what rule files compile against, for editors. Run it again rather than edit this.\n");
        foreach (var reference in references)
            text.Append("/r:\"").Append(reference).Append("\"\n");
        foreach (var import in ScriptReferences.Imports.Append(EditorApiStub.TypeName))
            text.Append("/u:").Append(import).Append('\n');
        return text.ToString();
    }

    /// <summary>WriteOmniSharp sets the "script" section of omnisharp.json and keeps every other setting already in the file.</summary>
    private static string WriteOmniSharp(string path)
    {
        var settings = File.Exists(path) ? ReadObject(path) : [];
        if (settings["script"] is not JsonObject script)
            settings["script"] = script = [];
        script["enabled"] = true;
        // With NuGet references on, OmniSharp restores a project for this framework and compiles scripts against its
        // reference assemblies, as RuleHost.Abstractions and the stub were compiled; otherwise it uses its own runtime.
        script["defaultTargetFramework"] = ReferencePack.TargetFramework;
        script["enableScriptNuGetReferences"] = true;
        script["rspFilePath"] = $"{Folder}/{ResponseFile}";
        return Save(path, settings.ToJsonString(Indented) + "\n");
    }

    private static JsonObject ReadObject(string path)
    {
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: options) as JsonObject
                ?? throw new InvalidOperationException($"{DisplayPath.Of(path)} is not a JSON object; fix or delete it");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{DisplayPath.Of(path)} is not valid JSON ({e.Message}); fix or delete it", e);
        }
    }

    private static string Copy(string file, string folder)
    {
        var target = Path.Combine(folder, Path.GetFileName(file));
        File.Copy(file, target, overwrite: true);
        return target;
    }

    private static string Save(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Save(string path, string content)
    {
        File.WriteAllText(path, content);
        return path;
    }
}
