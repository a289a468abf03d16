namespace RuleHost.Engine.Alerts;

/// <summary>IAlertObserver hears every alert transition, on the evaluation thread; it must return quickly.</summary>
internal interface IAlertObserver
{
    void OnTransition(AlertTransition transition);
}
