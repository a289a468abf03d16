using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Silences;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>GET/POST/DELETE /api/v1/silences over a real host on a temporary data folder and a fake clock.</summary>
/// <remarks>One host for the class; each test makes its own silences and looks only at them.</remarks>
public sealed class SilenceApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() =>
        _host = await HostFixture.StartOnAsync(new RuleFolder(), extra: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task A_created_silence_is_listed_active_with_its_fields_and_starts_now_by_default()
    {
        var now = _clock.GetUtcNow();
        var id = await CreateAsync(new { matchers = new[] { new { name = "rule", value = "HighCpu", isRegex = false } }, endsAt = now.AddHours(2), createdBy = "ana", comment = "deploy" });

        var silence = await _host.GetJsonAsync($"/api/v1/silences/{id}");
        var listed = (await _host.GetJsonAsync("/api/v1/silences")).AsArray().Single(s => (string?)s!["id"] == id)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.ToJsonString(), Is.EqualTo(silence.ToJsonString()));
            Assert.That((string?)silence["status"]!["state"], Is.EqualTo("active"));
            Assert.That((DateTimeOffset)silence["startsAt"]!, Is.EqualTo(now));
            Assert.That((DateTimeOffset)silence["endsAt"]!, Is.EqualTo(now.AddHours(2)));
            Assert.That((string?)silence["createdBy"], Is.EqualTo("ana"));
            Assert.That((string?)silence["comment"], Is.EqualTo("deploy"));
            Assert.That(silence["matchers"]!.ToJsonString(), Is.EqualTo("""[{"name":"rule","value":"HighCpu","isRegex":false,"isEqual":true}]"""));
        }
    }

    [Test]
    public async Task A_silence_starting_later_is_pending()
    {
        var id = await CreateAsync(new { matchers = new[] { new { name = "key", value = "later" } }, startsAt = _clock.GetUtcNow().AddHours(1), endsAt = _clock.GetUtcNow().AddHours(2) });

        Assert.That((string?)(await _host.GetJsonAsync($"/api/v1/silences/{id}"))["status"]!["state"], Is.EqualTo("pending"));
    }

    [Test]
    public async Task The_muter_mutes_alerts_that_an_active_silence_matches()
    {
        await CreateAsync(new { matchers = new object[] { new { name = "rule", value = "Mute.*", isRegex = true }, new { name = "team", value = "search", isEqual = false } }, endsAt = _clock.GetUtcNow().AddHours(1) });
        var muter = _host.Service<IMuter>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(muter.IsMuted(Alert("MuteMe", "payments"), _clock.GetUtcNow()), Is.True);
            Assert.That(muter.IsMuted(Alert("MuteMe", "search"), _clock.GetUtcNow()), Is.False);
            Assert.That(muter.IsMuted(Alert("KeepMe", "payments"), _clock.GetUtcNow()), Is.False);
        }
    }

    [Test]
    public async Task A_silence_stops_muting_when_the_clock_passes_its_end()
    {
        var start = _clock.GetUtcNow();
        var id = await CreateAsync(new { matchers = new[] { new { name = "rule", value = "Expiring" } }, endsAt = start.AddMinutes(30) });
        var muter = _host.Service<IMuter>();
        Assert.That(muter.IsMuted(Alert("Expiring", "x"), _clock.GetUtcNow()), Is.True);

        _clock.Advance(TimeSpan.FromMinutes(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(muter.IsMuted(Alert("Expiring", "x"), _clock.GetUtcNow()), Is.False);
            Assert.That((string?)(await _host.GetJsonAsync($"/api/v1/silences/{id}"))["status"]!["state"], Is.EqualTo("expired"));
        }
    }

    [Test]
    public async Task Posting_with_an_existing_id_updates_that_silence()
    {
        var endsAt = _clock.GetUtcNow().AddHours(1);
        var id = await CreateAsync(new { matchers = new[] { new { name = "rule", value = "Updated" } }, endsAt, comment = "first" });

        var again = await CreateAsync(new { id, matchers = new[] { new { name = "rule", value = "Updated" } }, endsAt = endsAt.AddHours(1), comment = "longer" });

        var silence = await _host.GetJsonAsync($"/api/v1/silences/{id}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(id));
            Assert.That((string?)silence["comment"], Is.EqualTo("longer"));
            Assert.That((DateTimeOffset)silence["endsAt"]!, Is.EqualTo(endsAt.AddHours(1)));
        }
    }

    [Test]
    public async Task Posting_with_an_unknown_id_is_404()
    {
        using var response = await _host.Http.PostAsJsonAsync("/api/v1/silences", new { id = "no-such-silence", matchers = new[] { new { name = "rule", value = "x" } }, endsAt = _clock.GetUtcNow().AddHours(1) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Deleting_expires_the_silence_at_once_and_keeps_it_listed()
    {
        var id = await CreateAsync(new { matchers = new[] { new { name = "rule", value = "Deleted" } }, endsAt = _clock.GetUtcNow().AddHours(1) });

        using var response = await _host.Http.DeleteAsync($"/api/v1/silences/{id}");

        var silence = await _host.GetJsonAsync($"/api/v1/silences/{id}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((string?)silence["status"]!["state"], Is.EqualTo("expired"));
            Assert.That((DateTimeOffset)silence["endsAt"]!, Is.EqualTo(_clock.GetUtcNow()));
            Assert.That(_host.Service<IMuter>().IsMuted(Alert("Deleted", "x"), _clock.GetUtcNow()), Is.False);
        }
    }

    [TestCase("GET")]
    [TestCase("DELETE")]
    public async Task An_unknown_id_is_404(string method)
    {
        using var response = await _host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/silences/no-such-silence"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("""{"matchers":[],"endsAt":"2099-01-01T00:00:00Z"}""", "matchers")]
    [TestCase("""{"endsAt":"2099-01-01T00:00:00Z"}""", "matchers")]
    [TestCase("""{"matchers":[{"name":"","value":"x"}],"endsAt":"2099-01-01T00:00:00Z"}""", "matchers[0].name")]
    [TestCase("""{"matchers":[{"name":"rule","value":"(High","isRegex":true}],"endsAt":"2099-01-01T00:00:00Z"}""", "matchers[0].value")]
    [TestCase("""{"matchers":[{"name":"rule","value":"x"}],"startsAt":"2099-01-02T00:00:00Z","endsAt":"2099-01-01T00:00:00Z"}""", "endsAt")]
    [TestCase("""{"matchers":[{"name":"rule","value":"x"}],"endsAt":"2000-01-01T00:00:00Z"}""", "endsAt")]
    [TestCase("""{"matchers":[{"name":"rule","value":"x"}]}""", "endsAt")]
    [TestCase("""{"matchers":[{"name":"rule","value":"x"}],"endsAt":"tomorrow"}""", "endsAt")]
    [TestCase("""{"matchers":[{"name":"rule","value":"x","isRegex":"yes"}],"endsAt":"2099-01-01T00:00:00Z"}""", "matchers[0].isRegex")]
    public async Task An_invalid_silence_is_400_naming_the_field(string body, string field)
    {
        var before = (await _host.GetJsonAsync("/api/v1/silences")).AsArray().Count;
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await _host.Http.PostAsync("/api/v1/silences", content);

        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem["errors"]!.AsArray().Select(e => (string?)e!["field"]), Does.Contain(field), problem.ToJsonString());
            Assert.That((await _host.GetJsonAsync("/api/v1/silences")).AsArray(), Has.Count.EqualTo(before));
        }
    }

    private async Task<string> CreateAsync(object silence)
    {
        using var response = await _host.Http.PostAsJsonAsync("/api/v1/silences", silence);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    private static Alert Alert(string rule, string team) => new()
    {
        Fingerprint = rule,
        Rule = rule,
        Key = "k",
        State = AlertState.Firing,
        StartsAt = Now,
        Labels = new Dictionary<string, string> { ["team"] = team },
    };
}
