using RuleHost.Engine.Hosting;
using RuleHost.Engine.Sandbox;

namespace RuleHost.Host.Cli;

/// <summary>SandboxConfig reads <c>RuleHost:Sandbox</c> from the same configuration <c>rulehost run</c> would use, so check and replay judge rule code as the host does.</summary>
internal static class SandboxConfig
{
    public static ApiPolicy PolicyFrom(Flags flags)
    {
        var file = Path.GetFullPath(flags["--config"] ?? "rulehost.json");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(file, optional: flags["--config"] is null)
            .AddEnvironmentVariables()
            .Build();
        var options = new SandboxOptions();
        configuration.GetSection($"{RuleHostOptions.Section}:Sandbox").Bind(options);
        return options.Policy();
    }
}
