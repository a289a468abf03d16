using RuleHost.Engine.Compilation;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Rules;

public sealed class RuleCatalogTests
{
    private const string HighCpu = """Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);""";

    [Test]
    public void Rule_name_taken_in_another_file_is_refused_and_the_first_keeps_running()
    {
        using var h = EngineHarness.With(HighCpu, "cpu.csx");

        h.Folder.Write("more.csx", """
            Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90);
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 50);
            """);
        h.Refresh("more.csx", allowErrors: true);
        h.Send(Seconds(0), value: 60);

        var error = h.StatusOf("more.csx").Diagnostics.Single();
        Assert.That(error.Id, Is.EqualTo("RH0106"));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Is.EqualTo($"a rule named 'HighCpu' is already registered in {DisplayPath.Of(h.Folder.PathOf("cpu.csx"))}"));
        Assert.That(h.StatusOf("cpu.csx").Error, Is.False);
        Assert.That(h.Transitions, Is.Empty, "the first definition (> 85) is the one running");
        Assert.That(h.Engine.Find("HighMemory"), Is.Null);
    }

    [Test]
    public void Rule_name_in_two_new_files_loads_from_one_and_is_refused_in_the_other()
    {
        using var h = new EngineHarness();
        h.Folder.Write("a.csx", HighCpu);
        h.Folder.Write("b.csx", HighCpu.Replace("85", "50", StringComparison.Ordinal));

        h.Load(allowErrors: true);

        Assert.That(h.StatusOf("a.csx").Error, Is.False);
        Assert.That(h.StatusOf("b.csx").Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "RH0106" }));
        Assert.That(h.Engine.Rules.Rules.Select(r => r.Name), Is.EqualTo(new[] { "HighCpu" }));
    }

    [Test]
    public void File_refused_for_a_taken_name_loads_once_the_other_file_gives_the_name_up()
    {
        using var h = EngineHarness.With(HighCpu, "a.csx");
        h.Folder.Write("b.csx", HighCpu.Replace("85", "50", StringComparison.Ordinal));
        h.Refresh("b.csx", allowErrors: true);

        h.Edit("a.csx", """Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90);""");
        h.Send(Seconds(0), value: 60);

        Assert.That(h.StatusOf("b.csx").Error, Is.False);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }), "b's definition (> 50) runs");
    }

    [Test]
    public void Rule_moved_between_files_in_one_refresh_loads()
    {
        using var h = EngineHarness.With(HighCpu, "b.csx");
        h.Folder.Write("a.csx", HighCpu);
        h.Folder.Write("b.csx", """Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90);""");

        h.Catalog.Refresh([h.Folder.PathOf("a.csx"), h.Folder.PathOf("b.csx")]);

        Assert.That(h.Catalog.Status.Where(s => s.Error), Is.Empty);
        Assert.That(h.Catalog.Current.Rules.Select(r => r.Name), Is.EquivalentTo(new[] { "HighCpu", "HighMemory" }));
    }

    [Test]
    public void Composite_naming_an_unknown_rule_is_refused()
    {
        using var h = EngineHarness.Failing(HighCpu + """

            Composite("Degraded").AllOf("HighCpu", "HighMemroy");
            """);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("RH0107"));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Is.EqualTo("Composite 'Degraded' names unknown rule 'HighMemroy'"));
    }

    [Test]
    public void Composite_may_name_rules_of_other_files_loaded_together()
    {
        using var h = new EngineHarness();
        h.Folder.Write("a-composites.csx", """Composite("Busy").AnyOf("HighCpu");""");
        h.Folder.Write("b-cpu.csx", HighCpu);

        h.Load();
        h.Send(Seconds(0), value: 90);

        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Composite_cycle_is_refused()
    {
        using var h = EngineHarness.Failing(HighCpu + """

            Composite("A").AnyOf("HighCpu", "B");
            Composite("B").AllOf("A");
            Composite("Self").AnyOf("Self");
            """);

        var errors = h.StatusOf("rules.csx").Diagnostics;

        Assert.That(errors.Select(d => (d.Id, d.Line)), Is.EquivalentTo(new[] { ("RH0108", 2), ("RH0108", 3), ("RH0108", 4) }));
        Assert.That(errors[0].Message, Is.EqualTo("Composite 'A' depends on itself"));
    }

    [Test]
    public void Composite_cycle_through_another_file_is_refused()
    {
        using var h = new EngineHarness();
        h.Folder.Write("a.csx", """Composite("A").AnyOf("B"); Composite("B").AnyOf("HighCpu");""" + "\n" + HighCpu);
        h.Folder.Write("c.csx", """Composite("C").AnyOf("A");""");
        h.Load();

        h.Edit("a.csx", """Composite("A").AnyOf("B"); Composite("B").AnyOf("C");""" + "\n" + HighCpu, allowErrors: true);

        Assert.That(h.StatusOf("a.csx").Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "RH0108", "RH0108" }));
        Assert.That(h.StatusOf("a.csx").Version, Is.EqualTo(1), "the last good version keeps running");
        Assert.That(h.Engine.Find("B")!.Spec.Components, Is.EqualTo(new[] { "HighCpu" }));
    }

    [Test]
    public void Broken_edit_keeps_the_last_good_version_running_and_shows_the_error()
    {
        using var h = EngineHarness.With(HighCpu);

        h.Edit("rules.csx", """Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value >> 50)""", allowErrors: true);
        h.Send(Seconds(0), value: 90);

        var status = h.StatusOf("rules.csx");
        Assert.That(status.Error, Is.True);
        Assert.That(status.Version, Is.EqualTo(1));
        Assert.That(status.Diagnostics, Is.Not.Empty);
        Assert.That(status.Diagnostics.All(d => d.IsError), Is.True);
        Assert.That(status.Rules.Select(r => r.Name), Is.EqualTo(new[] { "HighCpu" }));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }), "the old rule still fires");
    }

    [Test]
    public void Fixing_a_broken_file_loads_the_new_version()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Edit("rules.csx", """Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value >> 50)""", allowErrors: true);

        h.Edit("rules.csx", HighCpu.Replace("85", "50", StringComparison.Ordinal));
        h.Send(Seconds(0), value: 60);

        var status = h.StatusOf("rules.csx");
        Assert.That(status.Error, Is.False);
        Assert.That(status.Version, Is.EqualTo(2));
        Assert.That(status.Diagnostics, Is.Empty);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Refresh_of_an_unchanged_file_changes_nothing()
    {
        using var h = EngineHarness.With(HighCpu);
        var before = h.Catalog.Current;

        var change = h.Refresh("rules.csx");

        Assert.That(change.Changed, Is.False);
        Assert.That(h.Catalog.Current, Is.SameAs(before));
        Assert.That(h.StatusOf("rules.csx").Version, Is.EqualTo(1));
    }

    [Test]
    public void Deleting_a_file_removes_its_rules_and_resolves_their_alerts()
    {
        using var h = new EngineHarness();
        h.Folder.Write("cpu.csx", HighCpu);
        h.Folder.Write("memory.csx", """Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90).KeyBy(e => e.Service);""");
        h.Load();
        h.Send(Seconds(0), metric: "cpu", value: 90);
        h.Send(Seconds(0), metric: "memory", value: 95);

        var change = h.Remove("cpu.csx");

        Assert.That(change.Replaced, Has.Count.EqualTo(1));
        Assert.That(h.Catalog.Status.Select(s => s.Path), Is.EqualTo(new[] { "memory.csx" }));
        Assert.That(h.Engine.Find("HighCpu"), Is.Null);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.StateOf("HighMemory", "api"), Is.EqualTo(AlertState.Firing));
    }

    [Test]
    public void Change_to_a_helper_recompiles_the_files_that_load_it()
    {
        using var h = new EngineHarness();
        h.Folder.Write("_limits.csx", "static double CpuLimit() => 85;");
        h.Folder.Write("api.csx", """
            #load "_limits.csx"
            Rule("ApiCpu").Match(e => e.Service == "api").When(e => e.Value > CpuLimit());
            """);
        h.Folder.Write("db.csx", """
            #load "_limits.csx"
            Rule("DbCpu").Match(e => e.Service == "db").When(e => e.Value > CpuLimit());
            """);
        h.Folder.Write("other.csx", """Rule("Other").Match(e => e.Metric == "disk").When(e => true);""");
        h.Load();

        h.Edit("_limits.csx", "static double CpuLimit() => 50;");
        h.Send(Seconds(0), service: "api", value: 60);
        h.Send(Seconds(0), service: "db", value: 60);

        Assert.That(h.Catalog.Status.Select(s => (s.Path, s.Version)), Is.EqualTo(new[] { ("api.csx", 2), ("db.csx", 2), ("other.csx", 1) }));
        Assert.That(h.History("ApiCpu"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.History("DbCpu"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Fixing_a_broken_helper_loads_the_files_that_never_compiled_without_it()
    {
        using var h = new EngineHarness();
        h.Folder.Write("_limits.csx", "static double CpuLimit() => 85");
        h.Folder.Write("api.csx", """
            #load "_limits.csx"
            Rule("ApiCpu").Match(e => e.Service == "api").When(e => e.Value > CpuLimit());
            """);
        h.Load(allowErrors: true);
        Assert.That(h.StatusOf("api.csx").Error, Is.True);

        h.Edit("_limits.csx", "static double CpuLimit() => 85;");
        h.Send(Seconds(0), service: "api", value: 90);

        Assert.That(h.StatusOf("api.csx").Error, Is.False);
        Assert.That(h.History("ApiCpu"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Deleting_a_helper_keeps_the_last_good_version_of_its_users()
    {
        using var h = new EngineHarness();
        h.Folder.Write("_limits.csx", "static double CpuLimit() => 85;");
        h.Folder.Write("api.csx", """
            #load "_limits.csx"
            Rule("ApiCpu").Match(e => e.Service == "api").When(e => e.Value > CpuLimit());
            """);
        h.Load();

        h.Folder.Delete("_limits.csx");
        h.Refresh("_limits.csx", allowErrors: true);
        h.Send(Seconds(0), service: "api", value: 90);

        Assert.That(h.StatusOf("api.csx").Error, Is.True);
        Assert.That(h.History("ApiCpu"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Routes_are_recorded_in_the_rule_set_in_file_order()
    {
        using var h = new EngineHarness();
        h.Folder.Write("a.csx", """Route(a => a.Severity >= Severity.Critical, "oncall-pagerduty");""");
        h.Folder.Write("b.csx", """Route(a => true, "ops-slack", "ops-email");""");

        h.Load();

        var routes = h.Catalog.Current.Routes;
        Assert.That(routes.Select(r => r.Targets), Is.EqualTo(new[] { new[] { "oncall-pagerduty" }, new[] { "ops-slack", "ops-email" } }));
        var critical = new Alert { Fingerprint = "f", Rule = "r", Key = "", State = AlertState.Firing, StartsAt = default, Severity = Severity.Critical };
        Assert.That(routes[0].When(critical), Is.True);
        Assert.That(routes[0].When(critical with { Severity = Severity.Warning }), Is.False);
    }

    [Test]
    public void Files_in_subfolders_are_rule_files_and_report_their_relative_path()
    {
        using var h = new EngineHarness();
        h.Folder.Write(Path.Combine("teams", "payments.csx"), HighCpu);

        h.Load();

        Assert.That(h.Catalog.Status.Select(s => s.Path), Is.EqualTo(new[] { Path.Combine("teams", "payments.csx") }));
        Assert.That(h.Engine.Find("HighCpu"), Is.Not.Null);
    }

    [Test]
    public void Files_whose_name_or_folder_starts_with_a_dot_are_not_rule_files()
    {
        using var h = new EngineHarness();
        h.Folder.Write("cpu.csx", HighCpu);
        var editorFile = h.Folder.Write(Path.Combine(".rulehost", "stub.csx"), "this is not C#");
        h.Folder.Write(".#cpu.csx", "nor is this"); // an editor's lock file

        h.Load();
        var change = h.Catalog.Refresh([editorFile]);

        Assert.That(h.Catalog.Status.Select(s => s.Path), Is.EqualTo(new[] { "cpu.csx" }));
        Assert.That(change.Changed, Is.False);
        Assert.That(h.Catalog.Ignores(editorFile), Is.True);
        Assert.That(h.Catalog.Ignores(h.Folder.PathOf(Path.Combine("teams", "payments.csx"))), Is.False);
    }
}
