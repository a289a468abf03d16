namespace RuleHost.Engine.Ingest;

/// <summary>EventAdmission is what <see cref="EventIdWindow.Admit"/> let through: the events to evaluate and how many were repeats.</summary>
internal sealed record EventAdmission(IReadOnlyList<Event> Events, int Duplicates)
{
    public static EventAdmission All(IReadOnlyList<Event> events) => new(events, 0);
}
