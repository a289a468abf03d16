using System.Net;
using System.Text;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>RuleHost:ApiKeys over a real host: every /api call needs a bearer key; ingest keys reach only the ingest routes.</summary>
public sealed class ApiKeyTests
{
    private const string Admin = "admin-key-0123456789";
    private const string Plain = "plain-key-0123456789";
    private const string Ingest = "ingest-key-0123456789";

    private const string Config = $$"""
        { "RuleHost": { "ApiKeys": {
            "ops":   { "Key": "{{Admin}}" },
            "ci":    { "Key": "{{Ingest}}", "Role": "ingest" },
            "plain": "{{Plain}}" } } }
        """;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(Config);

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [TestCase(null)]
    [TestCase("Bearer wrong-key-0123456789")]
    [TestCase("Basic b3BzOnNlY3JldA==")]
    [TestCase("Bearer ")]
    public async Task A_call_without_a_known_key_is_401_asking_for_a_bearer_key(string? authorization)
    {
        foreach (var (method, path) in new[] { ("GET", "/api/v1/rules"), ("POST", "/api/v1/events"), ("GET", "/api/v1/no-such-route") })
        {
            using var response = await SendAsync(method, path, authorization);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path}");
            Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [TestCase(Admin)]
    [TestCase(Plain)]
    public async Task An_admin_key_reaches_every_route(string key)
    {
        using var rules = await SendAsync("GET", "/api/v1/rules", $"Bearer {key}");
        using var silences = await SendAsync("GET", "/api/v1/silences", $"bearer {key}");
        using var events = await SendAsync("POST", "/api/v1/events", $"Bearer {key}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rules.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(silences.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(events.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }
    }

    [TestCase("/api/v1/events")]
    [TestCase("/API/V1/Events")]
    [TestCase("/api/v1/events/")]
    public async Task An_ingest_key_may_post_events(string path)
    {
        using var response = await SendAsync("POST", path, $"Bearer {Ingest}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [TestCase("GET", "/api/v1/rules")]
    [TestCase("GET", "/api/v1/alerts")]
    [TestCase("GET", "/api/v1/silences")]
    [TestCase("POST", "/api/v1/silences")]
    [TestCase("DELETE", "/api/v1/silences/x")]
    [TestCase("GET", "/api/v1/events")]
    public async Task An_ingest_key_on_an_admin_route_is_403(string method, string path)
    {
        using var response = await SendAsync(method, path, $"Bearer {Ingest}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("'ci' is an ingest key"));
    }

    [Test]
    public async Task Health_stays_open()
    {
        using var response = await SendAsync("GET", "/healthz", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void With_a_key_the_host_may_bind_beyond_loopback()
    {
        using var folder = new RuleFolder();
        var config = folder.WriteConfig(Config);

        // Built, not started: nothing listens on 0.0.0.0.
        Assert.That(async () => await RuleHostApp.Build(new HostSettings(RulesPath: folder.Rules, ConfigFile: config, DataPath: folder.Data, Urls: "http://0.0.0.0:5999")).DisposeAsync(), Throws.Nothing);
    }

    [Test]
    [NonParallelizable]
    public void Keys_can_come_from_environment_variables()
    {
        using var folder = new RuleFolder();
        Environment.SetEnvironmentVariable("RULEHOST__APIKEYS__ENVKEY__KEY", "short");
        try
        {
            // The too-short key is refused by name, which shows the variable was read as RuleHost:ApiKeys:ENVKEY:Key.
            Assert.That(
                () => RuleHostApp.Build(new HostSettings(RulesPath: folder.Rules, DataPath: folder.Data, Urls: "http://127.0.0.1:0")),
                Throws.InvalidOperationException.With.Message.Contains("RuleHost:ApiKeys:ENVKEY:Key is too short"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("RULEHOST__APIKEYS__ENVKEY__KEY", null);
        }
    }

    [TestCase("""{ "ci": { "Key": "" } }""", "RuleHost:ApiKeys:ci:Key is empty")]
    [TestCase("""{ "ci": { "Role": "ingest" } }""", "RuleHost:ApiKeys:ci:Key is empty")]
    [TestCase("""{ "ci": "short" }""", "RuleHost:ApiKeys:ci:Key is too short (5 characters; at least 16)")]
    [TestCase("""{ "ci": { "Key": "ingest-key-0123456789", "Role": "reader" } }""", "RuleHost:ApiKeys:ci:Role must be admin or ingest (was 'reader')")]
    [TestCase("""{ "a": "same-key-0123456789", "b": "same-key-0123456789" }""", "RuleHost:ApiKeys:b:Key is the same as another key's")]
    public void A_bad_key_stops_the_host_at_start_naming_it(string keys, string message)
    {
        using var folder = new RuleFolder();
        var config = folder.WriteConfig($$"""{ "RuleHost": { "ApiKeys": {{keys}} } }""");

        Assert.That(
            () => RuleHostApp.Build(new HostSettings(RulesPath: folder.Rules, ConfigFile: config, DataPath: folder.Data, Urls: "http://127.0.0.1:0")),
            Throws.InvalidOperationException.With.Message.Contains(message));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = new StringContent("""{"service":"auth-test","metric":"probe","value":1}""", Encoding.UTF8, "application/json");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await _host.Http.SendAsync(request);
    }
}
