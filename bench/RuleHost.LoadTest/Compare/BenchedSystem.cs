namespace RuleHost.LoadTest.Compare;

/// <summary>BenchedSystem is one side of the comparison: its process, its v2 API, the nginx log its notifications land in, and the path its latency notifications use.</summary>
internal sealed class BenchedSystem(string name, int pid, HttpClient api, ArrivalLog arrivals, string latencyPath, Func<Task> readyAsync) : IDisposable
{
    public string Name => name;

    public int Pid => pid;

    public HttpClient Api => api;

    public ArrivalLog Arrivals => arrivals;

    public string LatencyPath => latencyPath;

    /// <summary>ReadyAsync returns once the system takes alerts and can deliver them.</summary>
    public Task ReadyAsync() => readyAsync();

    public void Dispose()
    {
        api.Dispose();
        arrivals.Dispose();
    }
}
