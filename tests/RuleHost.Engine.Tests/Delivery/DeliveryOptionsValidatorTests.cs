using RuleHost.Engine.Delivery;

namespace RuleHost.Engine.Tests.Delivery;

/// <summary>DeliveryOptionsValidator: the audit retention's default and its check.</summary>
public sealed class DeliveryOptionsValidatorTests
{
    [Test]
    public void The_audit_trail_and_dead_letters_are_kept_five_days_by_default()
    {
        var options = new DeliveryOptions();

        Assert.That(options.AuditRetention, Is.EqualTo(TimeSpan.FromDays(5)));
        Assert.That(new DeliveryOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [TestCase("00:00:00")]
    [TestCase("-1.00:00:00")]
    public void An_audit_retention_that_is_not_positive_is_refused(string retention)
    {
        var result = new DeliveryOptionsValidator().Validate(null, new DeliveryOptions { AuditRetention = TimeSpan.Parse(retention) });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Delivery:AuditRetention must be positive (was {retention})"));
    }
}
