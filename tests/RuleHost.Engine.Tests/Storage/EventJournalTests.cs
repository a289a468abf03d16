using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Storage;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class EventJournalTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private RuleFolder _data = null!;
    private EventQueue _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _data = new RuleFolder();
        _queue = new EventQueue(Options.Create(new RuleHostOptions()), TimeProvider.System);
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    [Test]
    public async Task Records_are_read_back_in_order_with_their_bodies_and_times()
    {
        using (var journal = new EventJournal(_data.Root))
        {
            await AppendAsync(journal, """{"service":"a"}""");
            await AppendAsync(journal, """[{"service":"b"},{"service":"c"}]""");
        }

        using var reopened = new EventJournal(_data.Root);
        var records = reopened.ReadAfter(0).ToList();

        Assert.That(records.Select(r => r.Record), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(Encoding.UTF8.GetString(records[1].Body), Is.EqualTo("""[{"service":"b"},{"service":"c"}]"""));
        Assert.That(records[0].ReceivedAt, Is.EqualTo(Received));
        Assert.That(reopened.ReadAfter(1).Select(r => r.Record), Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public async Task The_last_event_of_each_request_carries_its_record_into_the_queue()
    {
        using var journal = new EventJournal(_data.Root);
        Event first = new() { Service = "a" }, last = new() { Service = "b" };

        await journal.AppendAsync(new ReadOnlySequence<byte>("[]"u8.ToArray()), [first, last], Received, _queue);

        Assert.That(first.JournalRecord, Is.Zero);
        Assert.That(last.JournalRecord, Is.EqualTo(1));
        Assert.That(_queue.Depth, Is.EqualTo(2));
    }

    [Test]
    public async Task A_torn_last_record_is_ignored_and_numbering_carries_on_after_the_last_whole_one()
    {
        using (var journal = new EventJournal(_data.Root))
            await AppendAsync(journal, """{"service":"a"}""");
        var segment = Directory.GetFiles(Path.Combine(_data.Root, "journal")).Single();
        File.AppendAllText(segment, "#2 500 1764151200000\n{\"serv"); // the process died while writing

        using var reopened = new EventJournal(_data.Root);
        Assert.That(reopened.ReadAfter(0).Select(r => r.Record), Is.EqualTo(new long[] { 1 }));
        await AppendAsync(reopened, """{"service":"b"}""");
        Assert.That(reopened.ReadAfter(0).Select(r => r.Record), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task Trim_deletes_segments_a_checkpoint_covers_and_keeps_the_rest()
    {
        using var journal = new EventJournal(_data.Root);
        await AppendAsync(journal, """{"service":"a"}""");
        await AppendAsync(journal, """{"service":"b"}""");
        journal.Trim(checkpointed: 1); // covers record 1 only: the segment holding 1 and 2 stays
        await AppendAsync(journal, """{"service":"c"}""");

        Assert.That(journal.ReadAfter(0).Select(r => r.Record), Is.EqualTo(new long[] { 1, 2, 3 }));

        journal.Trim(checkpointed: 2);
        Assert.That(journal.ReadAfter(0).Select(r => r.Record), Is.EqualTo(new long[] { 3 }));
        journal.Trim(checkpointed: 3);
        Assert.That(journal.ReadAfter(0), Is.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(_data.Root, "journal")), Is.Empty);
    }

    private Task AppendAsync(EventJournal journal, string body) =>
        journal.AppendAsync(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)), [new Event { Service = "x" }], Received, _queue).AsTask();
}
