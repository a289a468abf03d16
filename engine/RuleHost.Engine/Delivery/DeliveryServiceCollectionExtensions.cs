using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Silences;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Templates;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryServiceCollectionExtensions wires the notification path: entry observer, stages, outbox, worker, audit recorder, target reload.</summary>
/// <remarks>It needs an <see cref="ISinkCatalog"/> (the plugin host), an <see cref="INotificationRenderer"/> (templates) and an <see cref="IMuter"/> (silences), registered beside it.</remarks>
internal static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddRuleHostDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();

        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<TargetCatalog>();
        services.AddSingleton(sp => new OutboxStore(new StateDatabase(sp.GetRequiredService<IOptions<RuleHostOptions>>().Value.DataPath, OutboxStore.FileName)));
        services.AddSingleton(sp => new TimerStore(sp.GetRequiredService<OutboxStore>().Database));
        services.AddSingleton<AttemptRecorder>();
        services.AddSingleton<BodyRenderer>();
        services.AddSingleton<TargetResilience>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<DeliveryWorker>();
        services.AddSingleton(sp => new AlertNotifier(() => sp.GetRequiredService<RuleCatalog>().Current, sp.GetRequiredService<IOptions<DeliveryOptions>>(), sp.GetRequiredService<DeliveryMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddSingleton<ICheckpointBarrier>(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddSingleton<IRestoreObserver>(sp => sp.GetRequiredService<AlertNotifier>());
        services.AddSingleton<NoiseControlStage>();
        services.AddSingleton<MuteStage>();
        services.AddSingleton(sp => new FloodControlStage(
            sp.GetRequiredService<TargetCatalog>(),
            sp.GetRequiredService<IOptions<DeliveryOptions>>().Value,
            sp.GetRequiredService<TimerStore>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FloodControlStage>>()));
        services.AddSingleton<RenderStage>();
        services.AddSingleton<OutboxStage>();
        services.AddSingleton<TimerCheckpointStage>();
        services.AddSingleton<DeliveryPipeline>();
        services.AddSingleton<TestAlerts>();
        services.AddOptions<TargetFileOptions>();
        services.AddSingleton<TargetReloadService>();
        services.AddSingleton(sp => Retention(sp, AuditRetention.Attempts));
        services.AddSingleton(sp => Retention(sp, AuditRetention.DeadLetters));

        // Order matters: the recorder runs before the worker resumes the outbox, and the worker before the pipeline adds to it.
        services.AddHostedService(sp => sp.GetRequiredService<AttemptRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<TargetReloadService>());
        return services;
    }

    private static TableRetention Retention(IServiceProvider sp, RetainedTable table) =>
        new(sp.GetRequiredService<OutboxStore>().Database, table, sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.AuditRetention);
}
