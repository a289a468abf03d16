using RuleHost.Engine.Compilation;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Compilation;

/// <summary>What the compiler reports about one rule file, read as users see it: through the catalog's status.</summary>
public sealed class RuleCompilerTests
{
    [Test]
    public void Syntax_error_is_reported_with_file_line_and_column()
    {
        const string source = """
            // high CPU
            Rule("HighCpu")
                .When(e => e.Value > );
            """;
        using var h = EngineHarness.Failing(source);

        var status = h.StatusOf("rules.csx");

        Assert.That(status.Error, Is.True);
        Assert.That(status.Version, Is.Zero);
        var column = source.Split('\n')[2].IndexOf(')', StringComparison.Ordinal) + 1;
        Assert.That(
            status.Diagnostics.Select(d => d.ToString()),
            Is.EqualTo(new[] { $"{DisplayPath.Of(h.Folder.PathOf("rules.csx"))}(3,{column}): error CS1525: Invalid expression term ')'" }));
    }

    [Test]
    public void Unknown_member_is_reported_at_the_member()
    {
        const string source = """
            Rule("HighCpu")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Valu > 85);
            """;
        using var h = EngineHarness.Failing(source);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("CS1061"));
        Assert.That(error.IsError, Is.True);
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Column, Is.EqualTo(source.Split('\n')[2].IndexOf("Valu", StringComparison.Ordinal) + 1));
        Assert.That(error.Message, Does.StartWith("'Event' does not contain a definition for 'Valu'"));
    }

    [Test]
    public void Reference_directive_is_refused()
    {
        using var h = EngineHarness.Failing("""
            // needs HTTP
            #r "System.Net.Http"
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            """);

        var refused = h.StatusOf("rules.csx").Diagnostics.Single(d => d.Id == "RH0001");

        Assert.That(refused.Line, Is.EqualTo(2));
        Assert.That(refused.Message, Does.Contain("#r is not allowed"));
        Assert.That(h.Engine.Find("HighCpu"), Is.Null);
    }

    [Test]
    public void Load_of_a_helper_inside_the_rules_folder_works()
    {
        using var h = new EngineHarness();
        h.Folder.Write("lib/_cpu.csx", """
            static bool IsCpu(Event e) => e.Metric == "cpu";
            const double CpuLimit = 85;
            """);
        h.Folder.Write("api.csx", """
            #load "lib/_cpu.csx"
            Rule("HighCpu").Match(IsCpu).When(e => e.Value > CpuLimit);
            """);

        h.Load();
        h.Send(Seconds(0), value: 90);

        Assert.That(h.History("HighCpu"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Catalog.Status.Select(s => s.Path), Is.EqualTo(new[] { "api.csx" }), "helpers are not rule files of their own");
    }

    [Test]
    public void Error_in_a_loaded_helper_is_reported_in_the_helper()
    {
        using var h = new EngineHarness();
        h.Folder.Write("_cpu.csx", """
            static bool IsCpu(Event e) => e.Metric = "cpu";
            """);
        h.Folder.Write("api.csx", """
            #load "_cpu.csx"
            Rule("HighCpu").Match(IsCpu).When(e => e.Value > 85);
            """);

        h.Load(allowErrors: true);

        var error = h.StatusOf("api.csx").Diagnostics[0];
        Assert.That(error.File, Is.EqualTo(DisplayPath.Of(h.Folder.PathOf("_cpu.csx"))));
        Assert.That(error.Line, Is.EqualTo(1));
    }

    [Test]
    public void Load_of_a_file_outside_the_rules_folder_is_refused()
    {
        using var h = new EngineHarness();
        var outside = Path.Combine(Path.GetDirectoryName(h.Folder.Root)!, $"{Guid.NewGuid():N}.csx");
        File.WriteAllText(outside, """Rule("Sneaky").Match(e => true).When(e => true);""");
        try
        {
            h.Folder.Write("api.csx", $"""
                // shared rules
                #load "{outside}"
                Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
                """);

            h.Load(allowErrors: true);

            var refused = h.StatusOf("api.csx").Diagnostics.Single(d => d.Id == "RH0002");
            Assert.That(refused.Line, Is.EqualTo(2));
            Assert.That(refused.Message, Does.Contain("outside the rules folder"));
            Assert.That(h.Engine.Find("Sneaky"), Is.Null);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Test]
    public void Relative_load_that_climbs_out_of_the_rules_folder_is_refused()
    {
        using var h = new EngineHarness();
        var name = $"{Guid.NewGuid():N}.csx";
        var outside = Path.Combine(Path.GetDirectoryName(h.Folder.Root)!, name);
        File.WriteAllText(outside, """Rule("Sneaky").Match(e => true).When(e => true);""");
        try
        {
            h.Folder.Write("api.csx", $"""
                #load "../{name}"
                """);

            h.Load(allowErrors: true);

            Assert.That(h.StatusOf("api.csx").Diagnostics.Select(d => d.Id), Does.Contain("RH0002"));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Test]
    public void File_that_throws_while_registering_is_reported_at_the_throw()
    {
        using var h = EngineHarness.Failing("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            var limits = new Dictionary<string, double>();
            Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > limits["memory"]);
            throw new InvalidOperationException("limits not configured");
            """);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("RH0003"));
        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.Message, Is.EqualTo("the file threw while registering its rules: InvalidOperationException: limits not configured"));
        Assert.That(h.Engine.Find("HighCpu"), Is.Null, "a file that throws registers nothing");
    }

    [Test]
    public void Warnings_do_not_keep_a_file_from_loading()
    {
        using var h = EngineHarness.With("""
            #warning thresholds to be reviewed
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            """);

        var status = h.StatusOf("rules.csx");

        Assert.That(status.Error, Is.False);
        Assert.That(status.Version, Is.EqualTo(1));
        Assert.That(status.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            $"{DisplayPath.Of(h.Folder.PathOf("rules.csx"))}(1,10): warning CS1030: #warning: 'thresholds to be reviewed'",
        }));
        Assert.That(h.Engine.Find("HighCpu"), Is.Not.Null);
    }
}
