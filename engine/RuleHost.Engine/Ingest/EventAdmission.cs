namespace RuleHost.Engine.Ingest;

/// <summary>EventAdmission is what <see cref="EventIdWindow.Admit"/> let through: the events to evaluate, how many were repeats, and the id hashes it now remembers.</summary>
internal sealed record EventAdmission(IReadOnlyList<Event> Events, int Duplicates, IReadOnlyList<ulong> Remembered)
{
    public static EventAdmission All(IReadOnlyList<Event> events) => new(events, 0, []);
}
