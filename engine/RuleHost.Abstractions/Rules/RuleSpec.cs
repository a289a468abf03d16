namespace RuleHost.Rules;

/// <summary>RuleSpec is everything a rule file said about one rule; the builders fill it, the engine reads it.</summary>
internal sealed class RuleSpec(string name, RuleKind kind, string file, int line)
{
    public string Name { get; } = name;
    public RuleKind Kind { get; } = kind;
    public string File { get; } = file;
    public int Line { get; } = line;

    public Func<Event, bool>? Match { get; set; }
    public Func<Event, bool>? When { get; set; }
    public Func<Event, bool>? ResolveWhen { get; set; }
    public Func<Event, string>? KeyBy { get; set; }
    public TimeSpan For { get; set; }
    public TimeSpan KeepFiringFor { get; set; }
    public TimeSpan? ResolveAfter { get; set; }

    public Func<Event, Severity> Severity { get; set; } = static _ => RuleHost.Severity.Warning;
    public Func<Event, string>? Summary { get; set; }
    public Func<Event, string>? Description { get; set; }
    public string? Runbook { get; set; }
    public List<(string Name, Func<Event, string> Value)> Labels { get; } = [];

    public TimeSpan? SuppressFor { get; set; }
    public List<string> NotifyTo { get; } = [];
    public string? Template { get; set; }
    public List<(string Target, TimeSpan After)> Escalations { get; } = [];

    // Heartbeat
    public TimeSpan MissingFor { get; set; }

    // Rate and Anomaly
    public Func<Event, bool>? Count { get; set; }
    public TimeSpan Window { get; set; }
    public double? Above { get; set; }
    public double? Below { get; set; }
    public int MinEvents { get; set; } = 1;

    // Composite
    public List<string> Components { get; } = [];
    public bool RequireAll { get; set; }

    /// <summary>MatchExpressions are the source texts of the Match lambdas, read by the engine to index rules.</summary>
    public List<string> MatchExpressions { get; } = [];

    public List<RuleProblem> Problems { get; } = [];

    public void Problem(string id, string message, int line) => Problems.Add(new RuleProblem(id, $"{Kind} '{Name}': {message}", File, line));
}
