using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Plugins;
using RuleHost.Engine.Recording;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Silences;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Templates;

namespace RuleHost.Engine.Hosting;

/// <summary>RuleHostServiceCollectionExtensions wires the engine: compiler, catalog, evaluation loop, reload watcher, observers.</summary>
internal static class RuleHostServiceCollectionExtensions
{
    public static IServiceCollection AddRuleHostEngine(this IServiceCollection services, Action<RuleHostOptions> configure)
    {
        services.AddOptions<RuleHostOptions>()
            .Configure(configure)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleHostOptions>, RuleHostOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TextWriter>(Console.Out);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<RuleHostOptions>>().Value;
            return new RuleCatalog(new RuleCompiler(o.RulesPath, o.RegistrationBudget, o.Sandbox.Policy()));
        });
        services.AddSingleton(sp => new StateDatabase(sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.DataPath));
        services.TryAddSingleton<IStateStore, SqliteStateStore>();
        services.AddSingleton(sp => new EventJournal(sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.DataPath));
        services.AddSingleton<StateWriter>();
        services.AddSingleton(sp => new TableRetention(sp.GetRequiredService<StateDatabase>(), HistoryRetention.Table, sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.HistoryRetention));
        services.AddSingleton(sp => new TableRetention(sp.GetRequiredService<StateDatabase>(), HistoryRetention.Alerts, sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.HistoryRetention));
        services.AddSingleton(_ => new AlertIndex());
        services.AddSingleton<SilenceStore>();
        services.AddSingleton<IMuter, SilenceMuter>();
        services.AddSingleton(sp => new NotificationRenderer(
            new TemplateCompiler(),
            Path.Combine(sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.RulesPath, TemplateCheck.FolderName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NotificationRenderer>>()));
        services.AddSingleton<INotificationRenderer>(sp => sp.GetRequiredService<NotificationRenderer>());
        services.AddSingleton<ConsoleNotifier>();
        services.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<AlertIndex>());
        services.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<StateWriter>());
        services.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<ConsoleNotifier>());
        services.AddRuleHostDelivery();
        services.AddSingleton(sp => new RuleEngine(
            sp.GetRequiredService<TimeProvider>(),
            new AlertObservers(sp.GetServices<IAlertObserver>()))
        {
            QuarantineAfter = sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.QuarantineAfter,
        });
        services.AddSingleton<EventQueue>();
        services.AddSingleton(sp => new EventParser(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EventIdWindow(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EvaluationLoop>();

        // Order matters: the loop runs before the first rule set arrives, and both before the server takes events;
        // they stop in reverse, so the state writer drains after the loop's final checkpoint.
        services.AddHostedService(sp => sp.GetRequiredService<StateWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<EvaluationLoop>());
        services.AddHostedService<RuleReloadService>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleNotifier>());
        services.AddOptions<RecordingOptions>();
        services.AddSingleton<EventRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<EventRecorder>());
        services.AddHostedService<RetentionService>(); // prunes every TableRetention, the delivery ones included
        services.AddRuleHostPlugins(); // last: plugins load in the background once state and rules are in
        return services;
    }
}
