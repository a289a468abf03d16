using Prometheus;

namespace RuleHost.Host.Metrics;

/// <summary>MetricsServiceCollectionExtensions wires the self-metrics: one Prometheus registry per host instance, not the process-wide default.</summary>
internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddRuleHostMetrics(this IServiceCollection services)
    {
        // A registry per host, so several hosts in one process (tests) never share counters.
        services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton<IngestMeter>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<DeliveryMeter>();
        return services;
    }

    /// <summary>MapRuleHostMetrics serves the host's registry at GET /metrics in Prometheus text format, without authentication.</summary>
    public static void MapRuleHostMetrics(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<EngineMetrics>(); // each registers its before-collect callback
        _ = app.Services.GetRequiredService<DeliveryMeter>();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
    }
}
