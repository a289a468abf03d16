using RuleHost.Engine.Silences;

namespace RuleHost.Engine.Tests.Silences;

public class SilenceValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly SilenceMatcherDraft Rule = new("rule", "HighCpu");

    [Test]
    public void A_valid_draft_becomes_a_silence_starting_now_by_default()
    {
        var problems = SilenceValidator.Validate(new SilenceDraft(null, [Rule], null, Now.AddHours(1), "ana", "deploy"), Now, out var silence);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problems, Is.Empty);
            Assert.That(silence!.StartsAt, Is.EqualTo(Now));
            Assert.That(silence.EndsAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(silence.Matchers.Single().IsEqual, Is.True);
            Assert.That(silence.CreatedBy, Is.EqualTo("ana"));
        }
    }

    [Test]
    public void No_matchers_is_refused_naming_matchers() =>
        Assert.That(Fields(new SilenceDraft(null, [], null, Now.AddHours(1), null, null)), Is.EqualTo(new[] { "matchers" }));

    [Test]
    public void An_empty_matcher_name_is_refused_naming_that_matcher() =>
        Assert.That(Fields(new SilenceDraft(null, [Rule, new("", "x")], null, Now.AddHours(1), null, null)), Is.EqualTo(new[] { "matchers[1].name" }));

    [Test]
    public void A_bad_regex_is_refused_naming_the_value() =>
        Assert.That(Fields(new SilenceDraft(null, [new("rule", "(High", IsRegex: true)], null, Now.AddHours(1), null, null)), Is.EqualTo(new[] { "matchers[0].value" }));

    [Test]
    public void An_end_not_after_the_start_is_refused_naming_endsAt() =>
        Assert.That(Fields(new SilenceDraft(null, [Rule], Now.AddHours(2), Now.AddHours(2), null, null)), Is.EqualTo(new[] { "endsAt" }));

    [Test]
    public void An_end_in_the_past_is_refused_naming_endsAt() =>
        Assert.That(Fields(new SilenceDraft(null, [Rule], Now.AddHours(-2), Now.AddHours(-1), null, null)), Is.EqualTo(new[] { "endsAt" }));

    [Test]
    public void Every_problem_is_listed_at_once() =>
        Assert.That(Fields(new SilenceDraft(null, [new(" ", null)], null, null, null, null)), Is.EquivalentTo(new[] { "matchers[0].name", "matchers[0].value", "endsAt" }));

    private static IEnumerable<string> Fields(SilenceDraft draft) =>
        SilenceValidator.Validate(draft, Now, out _).Select(p => p.Field);
}
