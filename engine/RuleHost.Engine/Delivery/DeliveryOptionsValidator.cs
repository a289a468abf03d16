using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryOptionsValidator checks the delivery settings once at start and lists every problem in one message.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
