using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Storage;
using RuleHost.Notifications;
using RuleHost.Rules;

namespace RuleHost.Engine.Delivery;

/// <summary>AlertNotifier is the entry of the notification path: on the evaluation thread it routes each notifiable transition and hands it off.</summary>
/// <remarks>
/// Routes are rule code, so they run here under the evaluation guards. The hand-off never blocks: a full channel
/// counts the change as overflow, which the pipeline logs and the metrics show.
/// </remarks>
internal sealed class AlertNotifier(Func<RuleSet> rules, IOptions<DeliveryOptions> options, DeliveryMetrics metrics, TimeProvider clock) : IAlertObserver, IRestoreObserver, ICheckpointBarrier, IDisposable
{
    // Restored alerts bypass the bounded channel: all of them at once (100,000 is a size the host is measured at) must not overflow it.
    private readonly ConcurrentQueue<NotifiableChange> _restored = new();

    private long _handedOff;
    private long _persisted;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Channel<NotifiableChange> _changes = Channel.CreateBounded<NotifiableChange>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private (RuleSet Set, Dictionary<string, DeliveryPolicy> Policies)? _policies;

    public ChannelReader<NotifiableChange> Changes => _changes.Reader;

    /// <summary>Ready is set when changes were handed off; the pipeline thread sleeps on it (see <see cref="Wakeup"/>).</summary>
    public Wakeup Ready { get; } = new(clock);

    public void OnTransition(AlertTransition transition)
    {
        if (KindOf(transition) is not { } kind)
            return;
        var set = rules();
        var change = new NotifiableChange(transition.Alert, kind, NotificationRouter.TargetsOf(transition.Alert, set), PolicyOf(transition.Alert.Rule, set));
        if (_changes.Writer.TryWrite(change))
            Interlocked.Increment(ref _handedOff);
        else
            metrics.Overflowed();
        Ready.Set();
    }

    /// <summary>OnRestored hands the pipeline the alerts restored firing or acknowledged, routed and with their rule's policy now, so that their timers carry on.</summary>
    public void OnRestored(IReadOnlyList<Alert> active)
    {
        var set = rules();
        foreach (var alert in active)
        {
            if (alert.State is AlertState.Firing or AlertState.Acknowledged)
            {
                var kind = alert.State == AlertState.Firing ? NotificationKind.Firing : NotificationKind.Acknowledged;
                _restored.Enqueue(new NotifiableChange(alert, kind, NotificationRouter.TargetsOf(alert, set), PolicyOf(alert.Rule, set)));
            }
        }

        Ready.Set();
    }

    /// <summary>TakeRestored takes what <see cref="OnRestored"/> handed over; the pipeline takes it before it drains the channel, so a change made after the restore is heard after it.</summary>
    public IReadOnlyList<NotifiableChange> TakeRestored()
    {
        if (_restored.IsEmpty)
            return []; // the usual case, on every turn of the pipeline loop: no allocation
        var taken = new List<NotifiableChange>();
        while (_restored.TryDequeue(out var change))
            taken.Add(change);
        return taken;
    }

    public long Mark => Interlocked.Read(ref _handedOff);

    /// <summary>Persisted is called by the pipeline once changes it took are in the outbox (or were decided not to need a message).</summary>
    public void Persisted(int changes)
    {
        Interlocked.Add(ref _persisted, changes);
        Interlocked.Exchange(ref _progress, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task WaitAsync(long mark, CancellationToken cancellationToken)
    {
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _persisted) >= mark)
                return;
            await progress.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>KindOf says which notification a transition makes, if any: a pending alert that never fired resolves silently.</summary>
    public static NotificationKind? KindOf(AlertTransition transition) => (transition.Alert.State, transition.Previous) switch
    {
        (AlertState.Firing, not AlertState.Firing and not AlertState.Acknowledged) => NotificationKind.Firing,
        (AlertState.Acknowledged, not AlertState.Acknowledged) => NotificationKind.Acknowledged,
        (AlertState.Resolved, not AlertState.Resolved) when transition.Alert.FiredAt is not null => NotificationKind.Resolved,
        _ => null,
    };

    private DeliveryPolicy PolicyOf(string rule, RuleSet set)
    {
        if (_policies is not { } cached || !ReferenceEquals(cached.Set, set))
            _policies = cached = (set, set.Rules.ToDictionary(r => r.Name, ToPolicy, StringComparer.Ordinal));
        return cached.Policies.GetValueOrDefault(rule) ?? DeliveryPolicy.None;
    }

    private static DeliveryPolicy ToPolicy(RuleSpec spec) => new(spec.Template, spec.SuppressFor, [.. spec.Escalations]);

    public void Dispose() => Ready.Dispose();
}
