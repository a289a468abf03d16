using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Tests.Hosting;

/// <summary>RuleHostOptionsValidator: the alert history retention's default and its check.</summary>
public sealed class RuleHostOptionsValidatorTests
{
    [Test]
    public void Alert_history_is_kept_thirty_days_by_default()
    {
        var options = new RuleHostOptions();

        Assert.That(options.HistoryRetention, Is.EqualTo(TimeSpan.FromDays(30)));
        Assert.That(new RuleHostOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [TestCase("00:00:00")]
    [TestCase("-00:00:01")]
    public void A_history_retention_that_is_not_positive_is_refused(string retention)
    {
        var result = new RuleHostOptionsValidator().Validate(null, new RuleHostOptions { HistoryRetention = TimeSpan.Parse(retention) });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"HistoryRetention must be positive (was {retention})"));
    }
}
