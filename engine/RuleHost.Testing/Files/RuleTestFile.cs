namespace RuleHost.Testing.Files;

/// <summary>RuleTestFile is one YAML rule test file: a rules folder and the test cases run against it.</summary>
internal sealed class RuleTestFile
{
    /// <summary>Rules is the rules folder, relative to the test file (default "..").</summary>
    public string Rules { get; set; } = "..";

    public DateTimeOffset? Start { get; set; }

    public List<RuleTestCase> Tests { get; set; } = [];
}

/// <summary>RuleTestCase is one scenario: events in (series and single events), expected alerts and notifications out.</summary>
internal sealed class RuleTestCase
{
    public string Name { get; set; } = "";

    /// <summary>Interval is the step between two values of a series (default 1m).</summary>
    public string Interval { get; set; } = "1m";

    public List<SeriesSpec> Series { get; set; } = [];

    public List<EventSpec> Events { get; set; } = [];

    public List<ExpectSpec> Expect { get; set; } = [];

    /// <summary>Notifications, when given, must be exactly the notifications the test produces (in any order).</summary>
    public List<NotificationSpec>? Notifications { get; set; }
}

internal sealed class SeriesSpec
{
    public Dictionary<string, object> Event { get; set; } = [];

    public string Values { get; set; } = "";

    public string? Interval { get; set; }

    /// <summary>Start offsets the series' first value from the test's start (default 0).</summary>
    public string? Start { get; set; }
}

internal sealed class EventSpec
{
    public string At { get; set; } = "0s";

    public Dictionary<string, object> Event { get; set; } = [];
}

internal sealed class ExpectSpec
{
    public string At { get; set; } = "0s";

    /// <summary>Rule limits the comparison to one rule's alerts; without it every active alert is compared.</summary>
    public string? Rule { get; set; }

    public List<AlertSpec> Alerts { get; set; } = [];
}

internal sealed class AlertSpec
{
    public string Rule { get; set; } = "";
    public string Key { get; set; } = "";
    public string State { get; set; } = "firing";
    public string? Severity { get; set; }
    public string? Summary { get; set; }
    public double? Value { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class NotificationSpec
{
    public string Rule { get; set; } = "";
    public string Key { get; set; } = "";
    public string State { get; set; } = "firing";
    public string? Target { get; set; }
    public string? Summary { get; set; }
    public string? At { get; set; }
}
