using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Plugins;
using RuleHost.Engine.Recording;
using RuleHost.Host.Api;
using RuleHost.Host.Security;
using RuleHost.Host.Metrics;

namespace RuleHost.Host;

/// <summary>RuleHostApp composes the whole host: configuration, the engine, Kestrel and the HTTP API.</summary>
internal static class RuleHostApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Build makes the host from settings; <paramref name="services"/> lets tests replace parts such as the clock.</summary>
    public static WebApplication Build(HostSettings settings, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Environment.CurrentDirectory });
        // Not reloadOnChange: only the targets reload, through TargetReloadService, which keeps the last good set when an edit is bad.
        var configFile = Path.GetFullPath(settings.ConfigFile ?? "rulehost.json");
        builder.Configuration.AddJsonFile(configFile, optional: settings.ConfigFile is null);
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var section = builder.Configuration.GetSection(RuleHostOptions.Section);
        var urls = settings.Urls ?? section["Urls"] ?? DefaultUrls;
        var apiKeys = ApiKeyRing.From(builder.Configuration.GetSection(ApiKeyRing.Section));
        RefuseOpenBinding(urls, !apiKeys.IsEmpty);
        builder.Services.AddSingleton(apiKeys);

        builder.Services.AddRuleHostEngine(o =>
        {
            section.Bind(o);
            o.RulesPath = settings.RulesPath ?? section["RulesPath"] ?? o.RulesPath;
            o.DataPath = settings.DataPath ?? section["DataPath"] ?? o.DataPath;
        });
        builder.Services.AddRuleHostMetrics();
        builder.Services.Configure<TargetFileOptions>(o => o.Path = configFile);
        builder.Services.Configure<RecordingOptions>(section.GetSection("Recording"));
        builder.Services.Configure<PluginOptions>(o =>
        {
            o.Path = Path.GetFullPath(settings.PluginsPath ?? section["PluginsPath"] ?? o.Path);
            o.ReloadDebounce = section.GetValue("PluginReloadDebounce", o.ReloadDebounce);
        });
        services?.Invoke(builder.Services);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("RuleHost:MaxRequestBytes") ?? new RuleHostOptions().MaxRequestBytes);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapRuleHostApi();
        return app;
    }

    /// <summary>RefuseOpenBinding stops a host without API keys from listening beyond loopback, where anyone could post.</summary>
    private static void RefuseOpenBinding(string urls, bool apiKeys)
    {
        if (apiKeys)
            return;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = BindingAddress.Parse(url).Host;
            var loopback = host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                throw new InvalidOperationException(
                    $"refusing to listen on {url}: no API key is configured (RuleHost:ApiKeys), so anyone who can reach it could send events. "
                    + "Configure a key or bind to 127.0.0.1.");
            }
        }
    }
}
