using System.Text;
using Microsoft.Data.Sqlite;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Storage;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class StatementTests
{
    private const string Insert = "INSERT INTO t (a, b, c, d) VALUES (?1, ?2, ?3, ?4)";

    private RuleFolder _data = null!;
    private StateDatabase _db = null!;

    [SetUp]
    public void SetUp()
    {
        _data = new RuleFolder();
        _db = new StateDatabase(_data.Root);
        _db.Execute("CREATE TABLE t (a TEXT NOT NULL, b TEXT, c INTEGER, d REAL)");
    }

    [TearDown]
    public void TearDown()
    {
        _db.Dispose();
        _data.Dispose();
    }

    [Test]
    public void Values_are_stored_with_their_types_and_an_empty_string_is_not_null()
    {
        _db.Write(_ =>
        {
            _db.Prepared(Insert).Bind(1, "").Bind(2, (string?)null).Bind(3, 42L).Bind(4, 1.5).Run();
            _db.Prepared(Insert).Bind(1, "é ✓").Bind(2, Encoding.UTF8.GetBytes("{\"x\":1}")).Bind(3, (long?)null).Bind(4, (double?)null).Run();
        });

        Assert.That(Rows(), Is.EqualTo(new[]
        {
            "text: | null | integer:42 | real:1.5",
            "text:é ✓ | text:{\"x\":1} | null | null",
        }));
    }

    [Test]
    public void The_statement_is_prepared_once_and_reused_for_every_row()
    {
        Statement? first = null;
        _db.Write(_ =>
        {
            first = _db.Prepared(Insert);
            for (var i = 0; i < 3; i++)
                _db.Prepared(Insert).Bind(1, $"row {i}").Bind(2, (string?)null).Bind(3, i).Bind(4, (double?)null).Run();
        });
        _db.Write(_ => Assert.That(_db.Prepared(Insert), Is.SameAs(first)));

        Assert.That(Rows(), Has.Count.EqualTo(3));
    }

    [Test]
    public void A_failed_row_throws_with_SQLites_message_and_rolls_back_the_write_turn()
    {
        var failure = Assert.Throws<SqliteException>(() => _db.Write(_ =>
        {
            _db.Prepared(Insert).Bind(1, "kept?").Bind(2, (string?)null).Bind(3, 1L).Bind(4, (double?)null).Run();
            _db.Prepared(Insert).Bind(1, (string?)null).Bind(2, (string?)null).Bind(3, 2L).Bind(4, (double?)null).Run();
        }));

        Assert.That(failure!.Message, Does.Contain("NOT NULL constraint failed: t.a"));
        Assert.That(Rows(), Is.Empty);
        _db.Write(_ => _db.Prepared(Insert).Bind(1, "after").Bind(2, (string?)null).Bind(3, 3L).Bind(4, (double?)null).Run());
        Assert.That(Rows(), Has.Count.EqualTo(1), "the statement works again after a failed row");
    }

    [Test]
    public void Prepared_outside_a_write_turn_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => _db.Prepared(Insert));

    private List<string> Rows()
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d) FROM t ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join(" | ", Enumerable.Range(0, 4).Select(i => reader.GetString(i * 2 + 1) == "null" ? "null" : $"{reader.GetString(i * 2 + 1)}:{Convert.ToString(reader.GetValue(i * 2), System.Globalization.CultureInfo.InvariantCulture)}")));
        return rows;
    }
}
