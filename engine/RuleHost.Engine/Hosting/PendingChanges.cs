namespace RuleHost.Engine.Hosting;

/// <summary>PendingChanges collects what a folder watcher saw (changed paths, or "rescan everything") and hands it over once the folder has been quiet.</summary>
/// <remarks>
/// Editors and copies write in many steps (in place, temp file then rename, file by file); each step only marks a
/// change, and one refresh runs after the quiet time. Shared by the rules and the plugins folder watchers.
/// </remarks>
internal sealed class PendingChanges(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _rescan;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Mark notes a changed key (null: none) and whether everything must be looked at again.</summary>
    public void Mark(string? key, bool rescan = false)
    {
        lock (_gate)
        {
            if (key is not null)
                _changed.Add(key);
            _rescan |= rescan;
            _signal.TrySetResult();
        }
    }

    /// <summary>WaitAsync waits for a change, then until none has arrived for <paramref name="quiet"/>, and takes everything marked.</summary>
    public async Task<(IReadOnlyCollection<string> Changed, bool Rescan)> WaitAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        Task first;
        lock (_gate)
            first = _signal.Task;
        await first.WaitAsync(cancellationToken);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = _signal.Task;
            }

            var delay = Task.Delay(quiet, clock, cancellationToken);
            if (await Task.WhenAny(signal, delay) == delay)
            {
                await delay;
                break;
            }
        }

        lock (_gate)
        {
            var taken = (_changed, _rescan);
            _changed = new(StringComparer.Ordinal);
            _rescan = false;
            return taken;
        }
    }
}
