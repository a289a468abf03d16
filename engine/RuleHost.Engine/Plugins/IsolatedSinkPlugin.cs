using RuleHost.Notifications;

namespace RuleHost.Engine.Plugins;

/// <summary>IsolatedSinkPlugin stands between the engine and a plugin's sink: its name, template and content type are read once at load, and whatever its code throws is contained and counted.</summary>
internal sealed class IsolatedSinkPlugin : ISinkPlugin
{
    private readonly ISinkPlugin _inner;
    private readonly PluginFaults _faults;

    public IsolatedSinkPlugin(ISinkPlugin inner, string plugin, PluginFaults faults)
    {
        _inner = inner;
        _faults = faults;
        Plugin = plugin;
        Name = inner.Name;
        DefaultTemplate = inner.DefaultTemplate ?? "";
        ContentType = string.IsNullOrWhiteSpace(inner.ContentType) ? "application/json" : inner.ContentType;
    }

    /// <summary>Plugin is the name of the plugin folder this sink came from.</summary>
    public string Plugin { get; }

    public string Name { get; }

    public string DefaultTemplate { get; }

    public string ContentType { get; }

    /// <summary>Create passes on the plugin's <see cref="ArgumentException"/> (a bad setting); any other exception is counted and reported as <see cref="InvalidOperationException"/>.</summary>
    public INotificationSink Create(SinkSettings settings)
    {
        try
        {
            return new IsolatedSink(_inner.Create(settings), this, _faults);
        }
        catch (ArgumentException)
        {
            throw;
        }
        catch (Exception e)
        {
            _faults.Record($"sink '{Name}' creating target '{settings.Target}'", e);
            throw new InvalidOperationException($"sink plugin '{Plugin}' failed to create target '{settings.Target}': {e.GetType().Name}: {e.Message}", e);
        }
    }
}
