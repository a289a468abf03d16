using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Cli;

/// <summary><c>rulehost editor</c> on a copy of the sample rules, judged by compiling the rule files as OmniSharp would from what it wrote.</summary>
public sealed class EditorCommandTests : CommandLineFixture
{
    [SetUp]
    public void CopySampleRules()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot.Find(), "rules"), "*.csx"))
            File.Copy(file, Folder.PathOf(Path.GetFileName(file)));
    }

    [Test]
    public async Task The_editor_compiles_every_sample_rule_file_withoutErrors()
    {
        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.Zero, Err.ToString());

        var editor = new OmniSharpView(Folder.Rules);
        var files = Directory.EnumerateFiles(Folder.Rules, "*.csx").ToList();

        Assert.That(files.Select(Path.GetFileName), Does.Contain("_common.csx").And.Contain("api.csx"), "a helper and a file that #loads it");
        Assert.Multiple(() =>
        {
            foreach (var file in files)
                Assert.That(editor.Errors(file), Is.Empty, Path.GetFileName(file));
        });
    }

    [TestCase("""Rule("X").Match(e => e.Metric == "cpu").Whenn(e => e.Value > 85);""", "CS1061", "'Whenn'")]
    [TestCase("""Rule("X").Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(5);""", "CS1503", "'int' to 'System.TimeSpan'")]
    [TestCase("""Heartbeat(42);""", "CS1503", "'int' to 'string'")]
    [TestCase("""Route(a => a.Severty >= Severity.Critical, "pager");""", "CS1061", "'Severty'")]
    [TestCase("""Rul("X");""", "CS0103", "'Rul'")]
    public async Task The_editor_reports_what_the_host_reports_for_a_mistake(string source, string id, string detail)
    {
        Folder.Write("mistake.csx", source);
        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.Zero, Err.ToString());

        var errors = new OmniSharpView(Folder.Rules).Errors("mistake.csx");
        await RunAsync("check", Folder.Rules);

        Assert.That(errors.Select(e => e.Id), Is.EqualTo(new[] { id }));
        Assert.That(errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.Contain(detail));
        Assert.That(Out.ToString(), Does.Contain($"mistake.csx(1,{errors[0].Location.GetLineSpan().StartLinePosition.Character + 1}): error {id}"), "rulehost check says the same");
    }

    [Test]
    public async Task Running_it_again_writes_the_same_files_and_check_ignores_them()
    {
        await RunAsync("check", Folder.Rules);
        var before = Summary(Out.ToString());
        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.Zero, Err.ToString());
        var first = Snapshot();
        Out.GetStringBuilder().Clear();

        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.Zero, Err.ToString());
        var written = Out.ToString();
        Out.GetStringBuilder().Clear();
        await RunAsync("check", Folder.Rules);

        Assert.That(Snapshot(), Is.EqualTo(first));
        Assert.That(first.Keys, Is.SupersetOf(new[] { "omnisharp.json", Path.Combine(".rulehost", "rules.rsp"), Path.Combine(".rulehost", "RuleHost.Editor.dll"), Path.Combine(".rulehost", "RuleHost.Abstractions.xml") }));
        Assert.That(first.Keys.Where(f => f != "omnisharp.json"), Has.All.StartsWith(".rulehost"));
        Assert.That(first.Keys.Select(f => $"wrote {Path.Combine(Folder.Rules, f)}"), Has.All.Matches<string>(line => written.Contains(line!, StringComparison.Ordinal)));
        Assert.That(Summary(Out.ToString()), Is.EqualTo(before).And.Contain("0 errors"));
    }

    [Test]
    public async Task An_existing_omnisharp_json_keeps_its_other_settings()
    {
        Folder.Write("omnisharp.json", """{ "FormattingOptions": { "IndentationSize": 2 }, "script": { "enabled": false, "nullableDiagnostics": true }, }""");

        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.Zero, Err.ToString());

        var settings = JsonNode.Parse(File.ReadAllText(Folder.PathOf("omnisharp.json")))!;
        Assert.That((int?)settings["FormattingOptions"]?["IndentationSize"], Is.EqualTo(2));
        Assert.That((bool?)settings["script"]?["nullableDiagnostics"], Is.True);
        Assert.That((bool?)settings["script"]?["enabled"], Is.True);
        Assert.That((string?)settings["script"]?["rspFilePath"], Is.EqualTo(".rulehost/rules.rsp"));
    }

    [Test]
    public async Task An_omnisharp_json_that_is_not_json_is_left_alone()
    {
        var path = Folder.Write("omnisharp.json", "{ script: ");

        Assert.That(await RunAsync("editor", "--rules", Folder.Rules), Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("omnisharp.json is not valid JSON"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("{ script: "));
    }

    private static string Summary(string checkOutput) => checkOutput.Split('\n').Last(l => l.Contains(" files, ", StringComparison.Ordinal)).Split(" (")[0];

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Folder.Rules, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".csx", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(Folder.Rules, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
