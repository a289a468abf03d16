using System.Globalization;
using System.Xml.Linq;

namespace RuleHost.Testing.Files;

/// <summary>JUnitReport writes rule test results in the JUnit XML that CI systems read.</summary>
internal static class JUnitReport
{
    public static void Write(string path, IReadOnlyList<RuleTestResult> results)
    {
        var suites = results.GroupBy(r => r.File).Select(file => new XElement("testsuite",
            new XAttribute("name", file.Key),
            new XAttribute("tests", file.Count()),
            new XAttribute("failures", file.Count(r => !r.Passed)),
            new XAttribute("time", Seconds(file.Sum(r => r.Duration.TotalSeconds))),
            file.Select(r => new XElement("testcase",
                new XAttribute("classname", file.Key),
                new XAttribute("name", r.Name),
                new XAttribute("time", Seconds(r.Duration.TotalSeconds)),
                r.Passed ? null : new XElement("failure", new XAttribute("message", r.Failures[0]), string.Join('\n', r.Failures))))));
        new XDocument(new XElement("testsuites", suites)).Save(path);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
