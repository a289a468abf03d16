namespace RuleHost.Engine.Sandbox;

/// <summary>RuleThread runs rule code on a thread with a large stack.</summary>
/// <remarks>
/// Guards stop recursion in rule code, but not in library code the rule drives: a chain of many nested LINQ
/// operators recurses inside the framework, and a stack overflow kills the process. The allocation budget bounds how
/// deep such a chain can get (about a million links in 64 MB); this stack holds that depth. Stack is reserved, not
/// committed, so the size costs address space, not memory.
/// </remarks>
internal static class RuleThread
{
    public const int StackSize = 512 * 1024 * 1024;

    public static Thread Start(string name, Action run)
    {
        var thread = new Thread(
            () =>
            {
                RuleHost.Sandbox.RuleGuard.KnownStack(StackSize);
                run();
            },
            StackSize) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    /// <summary>RunAsync runs <paramref name="run"/> on its own large-stack thread and completes with its result.</summary>
    public static Task<T> RunAsync<T>(string name, Func<T> run)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Start(name, () =>
        {
            try
            {
                done.SetResult(run());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }
}
