using System.Diagnostics;
using RuleHost.Engine.Rules;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RuleHost.Testing.Files;

/// <summary>RuleTestRunner runs the cases of one rule test file, each on a fresh engine and virtual clock.</summary>
internal static class RuleTestRunner
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    public static IReadOnlyList<RuleTestResult> RunFile(string path)
    {
        RuleTestFile file;
        RuleSet rules;
        try
        {
            file = Yaml.Deserialize<RuleTestFile>(File.ReadAllText(path)) ?? new RuleTestFile();
            rules = RuleTestHost.Compile(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file.Rules));
        }
        catch (YamlException e)
        {
            return [new RuleTestResult(path, "(file)", [$"{path}({e.Start.Line},{e.Start.Column}): {e.InnerException?.Message ?? e.Message}"], TimeSpan.Zero)];
        }
        catch (RuleLoadException e)
        {
            return [new RuleTestResult(path, "(rules)", [e.Message], TimeSpan.Zero)];
        }

        return [.. file.Tests.Select(test => Run(path, file, test, rules))];
    }

    private static RuleTestResult Run(string path, RuleTestFile file, RuleTestCase test, RuleSet rules)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        try
        {
            var start = file.Start ?? RuleTestHost.DefaultStart;
            var host = RuleTestHost.From(rules, start);
            var events = new Queue<(TimeSpan At, Event Event)>(Timeline.Of(test, start));
            var checks = test.Expect.Select((e, i) => (At: DurationText.Parse(e.At, $"expect[{i}].at"), Spec: e)).OrderBy(c => c.At);
            foreach (var (at, spec) in checks)
            {
                SendUntil(host, events, at);
                host.AdvanceTo(start + at);
                failures.AddRange(Expectations.CompareAlerts(spec, host.Alerts).Select(f => $"at {spec.At}: {f}"));
            }

            SendUntil(host, events, TimeSpan.MaxValue);
            if (test.Notifications is { } expected)
                failures.AddRange(Expectations.CompareNotifications(expected, host.Notifications, start).Select(f => $"notifications: {f}"));
        }
        catch (RuleTestFormatException e)
        {
            failures.Add(e.Message);
        }

        return new RuleTestResult(path, test.Name, failures, clock.Elapsed);
    }

    private static void SendUntil(RuleTestHost host, Queue<(TimeSpan At, Event Event)> events, TimeSpan until)
    {
        while (events.TryPeek(out var next) && next.At <= until)
            host.Send(events.Dequeue().Event);
    }
}
