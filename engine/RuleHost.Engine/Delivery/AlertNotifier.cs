using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Rules;
using RuleHost.Notifications;
using RuleHost.Rules;

namespace RuleHost.Engine.Delivery;

/// <summary>AlertNotifier is the entry of the notification path: on the evaluation thread it routes each notifiable transition and hands it off.</summary>
/// <remarks>
/// Routes are rule code, so they run here under the evaluation guards. The hand-off never blocks: a full channel
/// counts the change as overflow, which the pipeline logs and the metrics show.
/// </remarks>
internal sealed class AlertNotifier(Func<RuleSet> rules, IOptions<DeliveryOptions> options, DeliveryMetrics metrics) : IAlertObserver
{
    private readonly Channel<NotifiableChange> _changes = Channel.CreateBounded<NotifiableChange>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private (RuleSet Set, Dictionary<string, DeliveryPolicy> Policies)? _policies;

    public ChannelReader<NotifiableChange> Changes => _changes.Reader;

    public void OnTransition(AlertTransition transition)
    {
        if (KindOf(transition) is not { } kind)
            return;
        var set = rules();
        var change = new NotifiableChange(transition.Alert, kind, NotificationRouter.TargetsOf(transition.Alert, set), PolicyOf(transition.Alert.Rule, set));
        if (!_changes.Writer.TryWrite(change))
            metrics.Overflowed();
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
}
