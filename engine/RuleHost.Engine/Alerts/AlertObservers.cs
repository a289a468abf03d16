namespace RuleHost.Engine.Alerts;

/// <summary>AlertObservers fans one transition out to every registered observer, in registration order.</summary>
internal sealed class AlertObservers(IEnumerable<IAlertObserver> observers) : IAlertObserver
{
    private readonly IAlertObserver[] _observers = [.. observers];

    public void OnTransition(AlertTransition transition)
    {
        foreach (var observer in _observers)
            observer.OnTransition(transition);
    }
}
