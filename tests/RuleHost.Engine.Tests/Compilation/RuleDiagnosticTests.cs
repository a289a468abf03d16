using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Tests.Compilation;

public sealed class RuleDiagnosticTests
{
    [Test]
    public void Prints_an_error_the_way_compilers_do()
    {
        var diagnostic = new RuleDiagnostic("rules/api.csx", 12, 9, "CS1061", IsError: true, "'Event' does not contain a definition for 'Valu'");

        Assert.That(diagnostic.ToString(), Is.EqualTo("rules/api.csx(12,9): error CS1061: 'Event' does not contain a definition for 'Valu'"));
    }

    [Test]
    public void Prints_a_warning_as_a_warning()
    {
        var diagnostic = new RuleDiagnostic("rules/api.csx", 3, 1, "CS0162", IsError: false, "Unreachable code detected");

        Assert.That(diagnostic.ToString(), Is.EqualTo("rules/api.csx(3,1): warning CS0162: Unreachable code detected"));
    }

    [Test]
    public void Rule_language_errors_point_at_the_first_column()
    {
        var diagnostic = RuleDiagnostic.Error("api.csx", 4, "RH0102", "For must not be negative");

        Assert.That(diagnostic.ToString(), Is.EqualTo("api.csx(4,1): error RH0102: For must not be negative"));
    }
}
