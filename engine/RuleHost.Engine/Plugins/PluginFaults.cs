namespace RuleHost.Engine.Plugins;

/// <summary>PluginFaults counts the exceptions one loaded plugin's code threw at the engine, and keeps the last one for the API.</summary>
internal sealed class PluginFaults(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _count;
    private string? _last;
    private DateTimeOffset? _lastAt;

    public (long Count, string? Last, DateTimeOffset? LastAt) Snapshot()
    {
        lock (_gate)
            return (_count, _last, _lastAt);
    }

    public void Record(string what, Exception exception)
    {
        lock (_gate)
        {
            _count++;
            _last = $"{what}: {exception.GetType().Name}: {exception.Message}";
            _lastAt = time.GetUtcNow();
        }
    }
}
