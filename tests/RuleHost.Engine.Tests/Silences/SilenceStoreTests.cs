using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Silences;
using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Tests.Silences;

/// <summary>SilenceStore over a real SQLite file in a temporary folder, on a fake clock.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SilenceStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private string _data = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void CreateFolder()
    {
        _data = Path.Combine(Path.GetTempPath(), "rulehost-silence-tests", Guid.NewGuid().ToString("N"));
        _clock = new FakeTimeProvider(Start);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Test]
    public void A_saved_silence_is_read_back_by_a_new_store_on_the_same_file()
    {
        var (_, saved) = Open().Save(Draft(new("team", "pay.*", IsRegex: true, IsEqual: false)));

        var reopened = Open().Find(saved!.Id)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reopened.StartsAt, Is.EqualTo(saved.StartsAt));
            Assert.That(reopened.EndsAt, Is.EqualTo(saved.EndsAt));
            Assert.That(reopened.CreatedBy, Is.EqualTo("ana"));
            Assert.That(reopened.Matchers.Single().SameAs(saved.Matchers.Single()), Is.True);
            Assert.That(reopened.Matchers.Single().IsEqual, Is.False);
        }
    }

    [Test]
    public void Updating_an_active_silence_with_the_same_matchers_keeps_its_id()
    {
        var store = Open();
        var (_, first) = store.Save(Draft(new("rule", "HighCpu")));

        var (outcome, updated) = store.Save(first! with { EndsAt = Start.AddHours(3), Comment = "longer" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(SilenceSaveOutcome.Updated));
            Assert.That(updated!.Id, Is.EqualTo(first.Id));
            Assert.That(store.Find(first.Id)!.EndsAt, Is.EqualTo(Start.AddHours(3)));
            Assert.That(store.All, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void Changing_the_matchers_of_an_active_silence_expires_it_and_makes_a_new_one()
    {
        var store = Open();
        var (_, first) = store.Save(Draft(new("rule", "HighCpu")));

        var (outcome, replaced) = store.Save(first! with { Matchers = [new SilenceMatcher("rule", "DiskFull")] });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(SilenceSaveOutcome.Replaced));
            Assert.That(replaced!.Id, Is.Not.EqualTo(first.Id));
            Assert.That(store.Find(first.Id)!.StateAt(Start), Is.EqualTo(SilenceState.Expired));
            Assert.That(store.Find(replaced.Id)!.StateAt(Start), Is.EqualTo(SilenceState.Active));
        }
    }

    [Test]
    public void Saving_with_an_unknown_id_finds_nothing() =>
        Assert.That(Open().Save(Draft(new("rule", "x")) with { Id = "nope" }).Outcome, Is.EqualTo(SilenceSaveOutcome.NotFound));

    [Test]
    public void A_silence_mutes_matching_alerts_until_it_ends_with_no_restart()
    {
        var store = Open();
        var muter = new SilenceMuter(store);
        store.Save(Draft(new("rule", "HighCpu")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(muter.IsMuted(Alert("HighCpu"), _clock.GetUtcNow()), Is.True);
            Assert.That(muter.IsMuted(Alert("DiskFull"), _clock.GetUtcNow()), Is.False);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.That(muter.IsMuted(Alert("HighCpu"), _clock.GetUtcNow()), Is.False);
    }

    [Test]
    public void A_pending_silence_mutes_only_from_its_start()
    {
        var store = Open();
        var muter = new SilenceMuter(store);
        store.Save(Draft(new("rule", "HighCpu")) with { StartsAt = Start.AddMinutes(30) });

        Assert.That(muter.IsMuted(Alert("HighCpu"), _clock.GetUtcNow()), Is.False);
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.That(muter.IsMuted(Alert("HighCpu"), _clock.GetUtcNow()), Is.True);
    }

    [Test]
    public void Expiring_ends_the_mute_at_once()
    {
        var store = Open();
        var muter = new SilenceMuter(store);
        var (_, silence) = store.Save(Draft(new("rule", "HighCpu")));

        var expired = store.Expire(silence!.Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expired!.EndsAt, Is.EqualTo(Start));
            Assert.That(muter.IsMuted(Alert("HighCpu"), _clock.GetUtcNow()), Is.False);
            Assert.That(store.Expire("unknown"), Is.Null);
        }
    }

    [Test]
    public void Expired_silences_are_dropped_after_the_retention()
    {
        var store = Open();
        var (_, old) = store.Save(Draft(new("rule", "HighCpu")));
        _clock.Advance(SilenceStore.Retention + TimeSpan.FromHours(2));

        store.Save(Draft(new("rule", "DiskFull")) with { EndsAt = _clock.GetUtcNow().AddHours(1) });

        Assert.That(Open().Find(old!.Id), Is.Null);
    }

    private SilenceStore Open() => new(new StateDatabase(_data), _clock, NullLogger<SilenceStore>.Instance);

    private static Silence Draft(SilenceMatcherDraft matcher)
    {
        SilenceValidator.Validate(new SilenceDraft(null, [matcher], null, Start.AddHours(1), "ana", "maintenance"), Start, out var silence);
        return silence!;
    }

    private static Alert Alert(string rule) => new()
    {
        Fingerprint = rule,
        Rule = rule,
        Key = "checkout",
        State = AlertState.Firing,
        StartsAt = Start,
    };
}
