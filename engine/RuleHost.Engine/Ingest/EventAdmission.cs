namespace RuleHost.Engine.Ingest;

/// <summary>EventAdmission is what <see cref="EventIdWindow.Admit"/> let through: the events to evaluate, how many were repeats, and the ids it now remembers.</summary>
internal sealed record EventAdmission(IReadOnlyList<Event> Events, int Duplicates, IReadOnlyList<string> Remembered)
{
    public static EventAdmission All(IReadOnlyList<Event> events) => new(events, 0, []);
}
