namespace RuleHost.Engine.Alertmanager;

/// <summary>GettableReceiver names one receiver (here: a notification target) an alert goes to.</summary>
internal sealed record GettableReceiver(string Name);
