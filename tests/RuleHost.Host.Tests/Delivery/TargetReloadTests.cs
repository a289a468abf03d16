using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RuleHost.Engine.Delivery;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>Targets edited in the config file of a running host, with the real webhook sink, renderer and Kestrel receivers on loopback.</summary>
/// <remarks>A host per test: each edits its own rulehost.json. Every wait is for a log line, a request or an audit line.</remarks>
public sealed class TargetReloadTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .NotifyTo("ops-hook");

        Rule("DiskFull")
            .Match(e => e.Metric == "disk")
            .When(e => e.Value > 90)
            .KeyBy(e => e.Service)
            .NotifyTo("new-hook");
        """;

    private HostFixture _host = null!;

    [TearDown]
    public async Task StopHost()
    {
        if (_host is null)
            return; // the host did not start
        _host.ReportIfFailed();
        await _host.DisposeAsync();
        _host = null!;
    }

    [Test]
    public async Task Pointing_a_target_at_another_receiver_sends_the_next_notification_there()
    {
        await using var first = await Receiver.StartAsync();
        await using var second = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(first.Url))), ("rules.csx", Rules));
        await FireAsync("before");
        await first.WaitForAsync(r => r.Any(x => KeyOf(x) == "before"), "the notification before the edit");

        Edit(Config(("ops-hook", Hook(second.Url))));
        await ReloadedAsync("changed [ops-hook]");
        await FireAsync("after");

        await second.WaitForAsync(r => r.Any(x => KeyOf(x) == "after"), "the notification after the edit at the new receiver");
        Assert.That(first.Requests.Select(KeyOf), Has.None.EqualTo("after"));
    }

    [Test]
    public async Task A_target_added_by_an_edit_receives_what_a_rule_routes_to_it()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var added = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(receiver.Url))), ("rules.csx", Rules));

        Edit(Config(("ops-hook", Hook(receiver.Url)), ("new-hook", Hook(added.Url))));
        await ReloadedAsync("added [new-hook], changed [], removed []");
        await _host.PostAcceptedAsync(Json(Metric("db", "disk", 95, Minutes(0))));

        var arrived = await added.WaitForAsync(r => r.Count >= 1, "the DiskFull notification at the added target");
        Assert.That((string?)arrived[0].Json["alerts"]![0]!["labels"]!["alertname"], Is.EqualTo("DiskFull"));
        var fingerprint = (string)(await _host.WaitForAlertAsync("DiskFull", "db", "firing"))["fingerprint"]!;
        await _host.WaitForAsync($"/api/v1/notifications?alert={fingerprint}&target=new-hook&outcome=delivered", a => a.AsArray().Count == 1, "the delivered audit line");
    }

    [Test]
    public async Task A_bad_edit_is_logged_and_the_last_good_targets_keep_delivering_until_it_is_fixed()
    {
        await using var good = await Receiver.StartAsync();
        await using var other = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(good.Url))), ("rules.csx", Rules));

        // Invalid JSON: the closing braces are missing; the error names the file and the line.
        Edit("{ \"RuleHost\": { \"Targets\": {\n  \"ops-hook\": { \"Sink\": \"webhook\", \"Url\": \"" + other.Url + "\" }\n  \"new-hook\": {}\n");
        var invalid = await RejectedAsync("line 3");
        Assert.That(invalid, Does.Contain("rulehost.json").And.Contains("not valid JSON"));
        await FireAsync("after-invalid-json");
        await good.WaitForAsync(r => r.Any(x => KeyOf(x) == "after-invalid-json"), "delivery with the last good settings after invalid JSON");

        // Valid JSON, but one target names a sink no plugin provides: the whole edit is refused, the URL change with it.
        Edit(Config(("ops-hook", Hook(other.Url)), ("pager", new JsonObject { ["Sink"] = "nosuchsink" })));
        var unknown = await RejectedAsync("nosuchsink");
        Assert.That(unknown, Does.Contain("target 'pager'"));
        await FireAsync("after-unknown-sink");
        await good.WaitForAsync(r => r.Any(x => KeyOf(x) == "after-unknown-sink"), "delivery with the last good settings after an unknown sink");

        // A URL the webhook sink refuses, and a target without a sink: both named in one error.
        Edit(Config(("ops-hook", Hook("not-a-url")), ("new-hook", new JsonObject { ["Url"] = other.Url })));
        var bad = await RejectedAsync("not-a-url");
        Assert.That(bad, Does.Contain("target 'ops-hook': the setting 'Url' must be an absolute http or https URL").And.Contains("target 'new-hook' needs a \"Sink\""));

        Edit(Config(("ops-hook", Hook(other.Url))));
        await ReloadedAsync("changed [ops-hook]");
        await FireAsync("after-fix");
        await other.WaitForAsync(r => r.Any(x => KeyOf(x) == "after-fix"), "delivery with the fixed settings");
        Assert.That(other.Requests.Select(KeyOf), Is.EqualTo(new[] { "after-fix" }), "nothing reached the other receiver while the edits were bad");
    }

    [Test]
    public async Task After_a_secret_rotation_the_next_signature_verifies_with_the_new_secret()
    {
        var (oldSecret, oldKey) = Secret('a');
        var (newSecret, newKey) = Secret('b');
        await using var receiver = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(receiver.Url, oldSecret))), ("rules.csx", Rules));
        await FireAsync("before");
        var before = (await receiver.WaitForAsync(r => r.Count >= 1, "the notification before the rotation")).Single();
        Assert.That(before.Headers["webhook-signature"], Is.EqualTo(Sign(before, oldKey)));

        // Saved the way many editors save: a temporary file renamed over the original.
        var temporary = Path.Combine(_host.Folder.Root, ".rulehost.json.swp");
        File.WriteAllText(temporary, Config(("ops-hook", Hook(receiver.Url, newSecret))));
        File.Move(temporary, Path.Combine(_host.Folder.Root, "rulehost.json"), overwrite: true);
        await ReloadedAsync("changed [ops-hook]");
        await FireAsync("after");

        var after = (await receiver.WaitForAsync(r => r.Any(x => KeyOf(x) == "after"), "the notification after the rotation")).Single(x => KeyOf(x) == "after");
        Assert.That(after.Headers["webhook-signature"], Is.EqualTo(Sign(after, newKey)), "verifies with the new secret");
        Assert.That(after.Headers["webhook-signature"], Is.Not.EqualTo(Sign(after, oldKey)));
    }

    [Test]
    public async Task A_notification_parked_for_a_failing_receiver_goes_to_the_fixed_url_without_waiting_out_its_retry()
    {
        await using var broken = await Receiver.StartAsync((c, _, _) => Receiver.Status(c, 503, retryAfter: "3600"));
        await using var fixedReceiver = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(broken.Url))), ("rules.csx", Rules));
        await FireAsync("stuck");
        var parked = (await broken.WaitForAsync(r => r.Count >= 1, "the failed attempt"))[0];
        await WaitForParkedAsync();

        Edit(Config(("ops-hook", Hook(fixedReceiver.Url))));

        var arrived = (await fixedReceiver.WaitForAsync(r => r.Count >= 1, "the parked notification at the fixed URL"))[0];
        Assert.That(arrived.WebhookId, Is.EqualTo(parked.WebhookId), "the same notification, not a new one");
        Assert.That(KeyOf(arrived), Is.EqualTo("stuck"));
    }

    [Test]
    public async Task Post_reload_reports_a_rejected_edit_and_applies_a_good_one()
    {
        await using var receiver = await Receiver.StartAsync();
        _host = await HostFixture.StartAsync(Config(("ops-hook", Hook(receiver.Url))), ("rules.csx", Rules));

        Edit(Config(("ops-hook", Hook(receiver.Url)), ("pager", new JsonObject { ["Sink"] = "nosuchsink" })));
        var problem = await ReloadAsync(400);
        Assert.That(problem["errors"]!.AsArray().Select(e => (string?)e), Is.EqualTo(new[] { "target 'pager': no loaded plugin provides the sink 'nosuchsink'" }));

        Edit(Config(("ops-hook", Hook(receiver.Url)), ("new-hook", Hook(receiver.Url))));
        var reloaded = await ReloadAsync(200);
        Assert.That(reloaded["targets"]!.AsArray().Select(t => (string?)t), Is.EqualTo(new[] { "new-hook", "ops-hook" }));
    }

    private static JsonObject Hook(string url, string? secret = null)
    {
        var hook = new JsonObject { ["Sink"] = "webhook", ["Url"] = url };
        if (secret is not null)
            hook["Secret"] = secret;
        return hook;
    }

    private static string Config(params (string Name, JsonObject Target)[] targets)
    {
        var section = new JsonObject();
        foreach (var (name, target) in targets)
            section[name] = target;
        return new JsonObject { ["RuleHost"] = new JsonObject { ["Targets"] = section } }.ToJsonString();
    }

    private static (string Secret, byte[] Key) Secret(char fill)
    {
        var key = Encoding.UTF8.GetBytes(new string(fill, 32));
        return ("whsec_" + Convert.ToBase64String(key), key);
    }

    private static string Sign(ReceivedRequest request, byte[] key)
    {
        var signed = $"{request.WebhookId}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
    }

    private static string KeyOf(ReceivedRequest request) => (string)request.Json["alerts"]![0]!["labels"]!["key"]!;

    private void Edit(string json) => File.WriteAllText(Path.Combine(_host.Folder.Root, "rulehost.json"), json);

    private Task FireAsync(string service) => _host.PostAcceptedAsync(Json(Cpu(service, 95, Minutes(0))));

    private Task<string> ReloadedAsync(string what) =>
        _host.Logs.WaitForLineAsync(l => l.Contains("[1331]: Targets reloaded", StringComparison.Ordinal) && l.Contains(what, StringComparison.Ordinal), $"reporting the reload ({what})");

    private Task<string> RejectedAsync(string what) =>
        _host.Logs.WaitForLineAsync(l => l.Contains("[1332]: ", StringComparison.Ordinal) && l.Contains(what, StringComparison.Ordinal), $"rejecting the edit ({what})");

    private async Task<JsonNode> ReloadAsync(int status)
    {
        using var response = await _host.Http.PostAsync("/api/v1/reload", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonNode.Parse(text)!;
    }

    private async Task WaitForParkedAsync()
    {
        var worker = _host.Service<DeliveryWorker>();
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (worker.Parked == 0)
            await Task.Delay(10, timeout.Token);
    }
}
