namespace RuleHost.Engine.Delivery;

/// <summary>IDeliveryStage is one step of the notification path: it takes a batch and returns what goes on (as Alertmanager's notify.Stage).</summary>
internal interface IDeliveryStage
{
    /// <summary>Exec processes one batch at <paramref name="now"/>; a stage with timers adds what fell due.</summary>
    List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now);

    /// <summary>NextDue is when the stage's earliest timer falls due, if it has one.</summary>
    DateTimeOffset? NextDue { get; }
}
