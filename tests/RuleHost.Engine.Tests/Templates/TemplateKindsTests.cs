using RuleHost.Engine.Templates;

namespace RuleHost.Engine.Tests.Templates;

public sealed class TemplateKindsTests
{
    [TestCase("application/json", "Json")]
    [TestCase("application/json; charset=utf-8", "Json")]
    [TestCase("Application/JSON", "Json")]
    [TestCase("application/cloudevents+json", "Json")]
    [TestCase("text/html", "Html")]
    [TestCase("text/plain; charset=utf-8", "Html")]
    [TestCase("", "Html")]
    public void A_content_type_picks_the_base_page(string contentType, string expected) =>
        Assert.That(TemplateKinds.Of(contentType).ToString(), Is.EqualTo(expected));

    [Test]
    public void Values_read_invariantly_inside_a_json_string()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TemplateJson.Text(1234.5), Is.EqualTo("1234.5"));
            Assert.That(TemplateJson.Text(12345678901L), Is.EqualTo("12345678901"));
            Assert.That(TemplateJson.Text(true), Is.EqualTo("true"));
            Assert.That(TemplateJson.Text(null), Is.Empty);
            Assert.That(TemplateJson.Text(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1))), Is.EqualTo("2026-11-26T10:00:00.0000000+01:00"));
            Assert.That(TemplateJson.Text(Severity.Critical), Is.EqualTo("Critical"));
            Assert.That(TemplateJson.MrkdwnEscape("<!channel> & <x|y>"), Is.EqualTo("&lt;!channel&gt; &amp; &lt;x|y&gt;"));
        });
    }
}
