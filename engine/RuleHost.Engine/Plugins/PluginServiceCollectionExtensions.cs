using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Delivery;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginServiceCollectionExtensions wires the plugin host: the catalog (also the <see cref="ISinkCatalog"/>), the loader and the folder watcher.</summary>
internal static class PluginServiceCollectionExtensions
{
    public static IServiceCollection AddRuleHostPlugins(this IServiceCollection services)
    {
        services.AddOptions<PluginOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PluginOptions>, PluginOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PluginCatalog>();
        services.TryAddSingleton<ISinkCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        services.TryAddSingleton(sp => new PluginFolderLoader(sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<PluginReloadService>();
        return services;
    }
}
