using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginOptionsValidator refuses bad plugin settings at start, listing every problem.</summary>
internal sealed class PluginOptionsValidator : IValidateOptions<PluginOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
