using System.Globalization;
using System.Text;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Sandbox;

namespace RuleHost.Host.Cli;

/// <summary>ReplayCommand runs rules over recorded NDJSON events and prints the alerts they would have raised, or what an edit changes.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(Flags flags, TextWriter output, TextWriter error)
    {
        if (flags.Positional is not [var eventsFile])
        {
            await error.WriteLineAsync("usage: rulehost replay EVENTS.ndjson [--rules DIR] [--against OLD-DIR]");
            return 2;
        }

        if (!File.Exists(eventsFile))
        {
            await error.WriteLineAsync($"rulehost replay: no such file '{eventsFile}'");
            return 2;
        }

        var events = await ReadEventsAsync(eventsFile, error);
        if (events is null)
            return 2;

        var policy = SandboxConfig.PolicyFrom(flags);
        var current = await RunAsync(flags["--rules"] ?? "rules", events, policy, error);
        if (current is null)
            return 1;
        if (flags["--against"] is not { } against)
        {
            foreach (var line in current)
                await output.WriteLineAsync(line);
            await output.WriteLineAsync($"{events.Count} events, {current.Count} alert changes");
            return 0;
        }

        var old = await RunAsync(against, events, policy, error);
        if (old is null)
            return 1;
        var added = current.Except(old).ToList();
        var removed = old.Except(current).ToList();
        foreach (var line in removed.Select(l => "- " + l).Concat(added.Select(l => "+ " + l)).OrderBy(l => l[2..], StringComparer.Ordinal))
            await output.WriteLineAsync(line);
        await output.WriteLineAsync($"{events.Count} events: {added.Count} alert changes added, {removed.Count} removed (against {against})");
        return 0;
    }

    private static async Task<List<string>?> RunAsync(string rulesDir, List<Event> events, Engine.Sandbox.ApiPolicy policy, TextWriter error)
    {
        if (!Directory.Exists(rulesDir))
        {
            await error.WriteLineAsync($"rulehost replay: no such rules folder '{rulesDir}'");
            return null;
        }

        var catalog = new RuleCatalog(new RuleCompiler(rulesDir, TimeSpan.FromSeconds(5), policy));
        var change = catalog.LoadAll();
        var errors = catalog.Status.SelectMany(f => f.Diagnostics).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            foreach (var diagnostic in errors)
                await error.WriteLineAsync(diagnostic.ToString());
            return null;
        }

        return await RuleThread.RunAsync("rulehost-replay", () =>
        {
            var replay = new Replay(change.RuleSet);
            foreach (var e in events)
                replay.Evaluate(e);
            return replay.Transitions.Select(Line).ToList();
        });
    }

    private static string Line(AlertTransition transition) => ConsoleNotifier.Format(transition.Alert, []);

    /// <summary>ReadEventsAsync parses the file line by line so an error names its line; any bad line stops the replay.</summary>
    private static async Task<List<Event>?> ReadEventsAsync(string path, TextWriter error)
    {
        var events = new List<Event>();
        var parser = new EventParser(new VirtualClock(DateTimeOffset.MinValue)); // MinValue marks an event without a timestamp
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var parsed = parser.Parse(Encoding.UTF8.GetBytes(line));
            var problem = parsed.IsValid ? null : parsed.Errors[0].Message;
            if (parsed.Events.Any(e => e.Timestamp == DateTimeOffset.MinValue))
                problem = "replay needs a timestamp on every event";
            if (problem is not null)
            {
                await error.WriteLineAsync($"{path}({number.ToString(CultureInfo.InvariantCulture)}): {problem}");
                return null;
            }

            events.AddRange(parsed.Events);
        }

        return events;
    }
}
