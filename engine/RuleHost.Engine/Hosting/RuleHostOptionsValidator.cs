using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Hosting;

/// <summary>RuleHostOptionsValidator checks the options once at start and lists every problem in one message.</summary>
internal sealed class RuleHostOptionsValidator : IValidateOptions<RuleHostOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleHostOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
