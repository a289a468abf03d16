using RuleHost.Testing.Files;

namespace RuleHost.Testing.Tests.Files;

public sealed class SeriesNotationTests
{
    [TestCase("1 2 3", new double[] { 1, 2, 3 })]
    [TestCase("90+1x4", new double[] { 90, 91, 92, 93, 94 })]
    [TestCase("10-2x2", new double[] { 10, 8, 6 })]
    [TestCase("-1+1x2", new double[] { -1, 0, 1 })]
    [TestCase("5x2", new double[] { 5, 5, 5 })]
    [TestCase("1e3 1.5", new double[] { 1000, 1.5 })]
    public void Expands_promtool_series(string series, double[] expected)
    {
        Assert.That(SeriesNotation.Expand(series), Is.EqualTo(expected.Select(v => (double?)v)));
    }

    [Test]
    public void Marks_gaps_with_null()
    {
        Assert.That(SeriesNotation.Expand("1 _ _x2 4"), Is.EqualTo(new double?[] { 1, null, null, null, 4 }));
    }

    [TestCase("abc")]
    [TestCase("1xq")]
    public void Rejects_what_is_not_a_series(string series)
    {
        Assert.That(() => SeriesNotation.Expand(series), Throws.TypeOf<RuleTestFormatException>().With.Message.Contains(series));
    }
}
