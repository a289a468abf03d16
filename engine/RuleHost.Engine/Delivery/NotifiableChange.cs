using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>NotifiableChange is one notifiable transition handed from the evaluation thread to the delivery pipeline, with its targets already routed.</summary>
internal sealed record NotifiableChange(Alert Alert, NotificationKind Kind, IReadOnlyList<string> Targets, DeliveryPolicy Policy);
