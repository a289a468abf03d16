namespace RuleHost.Sources;

/// <summary>IEventSource feeds events from outside (a broker subscription, a poller) into RuleHost until it is stopped.</summary>
/// <remarks>
/// RunAsync returns when <c>cancellationToken</c> is cancelled. If it throws, the engine reports the error and restarts the
/// source with backoff, so a source need not loop on its own connection failures.
/// </remarks>
public interface IEventSource
{
    Task RunAsync(IEventPublisher publisher, CancellationToken cancellationToken);
}
