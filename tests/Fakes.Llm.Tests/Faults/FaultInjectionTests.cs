using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Faults;

/// <summary>Faults by configuration, by the admin endpoint at runtime, and per request header.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class FaultInjectionTests
{
    private const string Model = "fake/llama-3.1-8b-instruct";

    [Test]
    public async Task ConfiguredErrorRateFailsThatFractionWithTheStatus()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { Faults = new FaultOptions { ErrorRate = 0.3, ErrorStatus = 503, Seed = 5 } });
        using var http = LlmClient.Create(server.Uri);
        var statuses = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add((await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat(Model, "x", ""","max_tokens":1"""))).Status);
        }

        Assert.That(statuses.Count(s => s == 503), Is.InRange(40, 80), "about 30 % of 200");
        Assert.That(statuses.All(s => s is 200 or 503), Is.True);
    }

    [Test]
    public async Task AdminEndpointChangesFaultsAndHealthAtRuntime()
    {
        // The admin API is off unless enabled; without any key configured it is then open (a warning is logged).
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { EnableAdmin = true });
        using var http = LlmClient.Create(server.Uri);

        var (changed, config, _) = await LlmClient.PostAsync(http, "admin/config", """{"faults":{"unhealthy":true,"errorRate":1,"errorStatus":429}}""");
        var health = await http.GetAsync("health");
        var (status, error, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat(Model, "x"));
        var (rejected, rejection, _) = await LlmClient.PostAsync(http, "admin/config", """{"faults":{"errorRate":7},"port":1}""");
        await LlmClient.PostAsync(http, "admin/config", """{"faults":{"unhealthy":false,"errorRate":0}}""");
        var healthAfter = await http.GetAsync("health");

        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.EqualTo(200));
            Assert.That(config!["faults"]!["errorStatus"]!.GetValue<int>(), Is.EqualTo(429));
            Assert.That((int)health.StatusCode, Is.EqualTo(503));
            Assert.That(status, Is.EqualTo(429));
            Assert.That(error!["error"]!["code"]!.GetValue<int>(), Is.EqualTo(429));
            Assert.That(rejected, Is.EqualTo(400));
            Assert.That(rejection!["error"]!["message"]!.GetValue<string>(), Does.Contain("errorRate").And.Contain("'port' cannot change"));
            Assert.That((int)healthAfter.StatusCode, Is.EqualTo(200));
            Assert.That(server.IsHealthy, Is.True);
        });
    }

    [Test]
    public async Task AdminRefusesADeeplyNestedBodyWith400AndKeepsServing()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { EnableAdmin = true });
        using var http = LlmClient.Create(server.Uri);
        var deep = "{\"faults\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var (status, body, _) = await LlmClient.PostAsync(http, "admin/config", deep);
        var health = await http.GetAsync("health");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["message"]!.GetValue<string>(), Does.Contain("nested deeper than 32 levels"));
        Assert.That((int)health.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task HeadersInjectStatusLatencyAndDroppedStreams()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions());
        using var http = LlmClient.Create(server.Uri);

        var (status, _, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat(Model, "x"), new Dictionary<string, string> { ["X-Fake-Error"] = "502" });
        var started = DateTime.UtcNow;
        await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat(Model, "x", ""","max_tokens":1"""), new Dictionary<string, string> { ["X-Fake-Latency-Ms"] = "300" });
        var elapsed = DateTime.UtcNow - started;
        var dropped = Assert.CatchAsync<HttpRequestException>(async () =>
            await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat(Model, "x", ""","max_tokens":10,"stream":true"""), new Dictionary<string, string> { ["X-Fake-Drop-After"] = "3" }));

        Assert.That(status, Is.EqualTo(502));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
        Assert.That(dropped, Is.Not.Null);
    }

    [Test]
    public async Task StalledStreamSendsSomeTokensThenNothing()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { Faults = new FaultOptions { StallRate = 1, StallAfterTokens = 2, StallDuration = TimeSpan.FromMinutes(5) } });
        using var http = LlmClient.Create(server.Uri);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = LlmClient.Json(LlmClient.Chat(Model, "x", ""","max_tokens":10,"stream":true""")) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        try
        {
            while (await reader.ReadLineAsync(quiet.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Nothing more arrived: the stream stalled.
        }

        Assert.That(lines, Has.Count.EqualTo(3), "the role chunk and two tokens, then silence");
        Assert.That(lines, Has.None.Contain("[DONE]"));
    }

    [Test]
    public async Task StartupDurationKeepsHealthAt503UntilItPasses()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { StartupDuration = TimeSpan.FromMilliseconds(600) });
        using var http = LlmClient.Create(server.Uri);
        var early = await http.GetAsync("health");
        Assert.That(server.IsReady, Is.False);
        await server.WaitUntilReadyAsync(TestTimeouts.Short);
        var later = await http.GetAsync("health");

        Assert.That((int)early.StatusCode, Is.EqualTo(503));
        Assert.That((int)later.StatusCode, Is.EqualTo(200));
        Assert.That(server.IsReady, Is.True);
    }
}
