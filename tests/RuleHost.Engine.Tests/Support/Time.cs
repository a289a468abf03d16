namespace RuleHost.Engine.Tests.Support;

/// <summary>Time spells offsets from <see cref="EngineHarness.Start"/> briefly, so a test reads as a timeline.</summary>
internal static class Time
{
    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    public static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

    /// <summary>At is the absolute time of an offset, as alerts report it.</summary>
    public static DateTimeOffset At(TimeSpan offset) => EngineHarness.Start + offset;
}
