using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>FoldedNotification is one notification flood control folded and has not yet summarised: one row of <c>flood_folded</c> (see <see cref="TimerStore"/>).</summary>
internal sealed record FoldedNotification(long Seq, string Target, DateTimeOffset WindowEnds, NotificationKind Kind, Alert Alert);
