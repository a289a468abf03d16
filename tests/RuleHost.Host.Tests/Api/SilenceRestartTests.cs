using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>Silences live in the SQLite file: a host started again on the same data folder still has them.</summary>
public sealed class SilenceRestartTests
{
    [Test]
    public async Task A_silence_is_still_there_after_the_host_restarts_on_the_same_data()
    {
        using var folder = new RuleFolder();
        string id;
        await using (var first = await HostFixture.StartOnAsync(folder, keepFolder: true))
        {
            using var response = await first.Http.PostAsJsonAsync("/api/v1/silences", new
            {
                matchers = new[] { new { name = "rule", value = "HighCpu" } },
                endsAt = TimeProvider.System.GetUtcNow().AddHours(1),
                createdBy = "ana",
                comment = "maintenance",
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        }

        await using var second = await HostFixture.StartOnAsync(folder, keepFolder: true);
        var silence = await second.GetJsonAsync($"/api/v1/silences/{id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)silence["comment"], Is.EqualTo("maintenance"));
            Assert.That((string?)silence["status"]!["state"], Is.EqualTo("active"));
            Assert.That((string?)silence["matchers"]![0]!["value"], Is.EqualTo("HighCpu"));
        }
    }
}
