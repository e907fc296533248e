using System.Net.Sockets;
using System.Text;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>Bad requests get vLLM's error (never a 500) and the server keeps serving.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class BadInputTests
{
    private const string Key = "bad-input-key";
    private FakeLlmServer server = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], ApiKeys = [Key], MaxModelLen = 512, MaxRequestBodyBytes = 64 * 1024 });
        http = LlmClient.Create(server.Uri, Key);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [TearDown]
    public async Task ServerStillServesAsync()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "still there?"));
        Assert.That(status, Is.EqualTo(200), body?.ToJsonString());
    }

    [Test]
    public async Task MalformedJsonIsA400ValidationError()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", "{\"model\": \"llama\", \"messages\": [");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("Bad Request"));
        Assert.That(body["error"]!["code"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.StartWith("1 validation error:").And.Contain("json_invalid"));
    }

    [TestCase("\"max_tokens\": \"lots\"", "body.max_tokens", "int_parsing")]
    [TestCase("\"temperature\": [1]", "body.temperature", "float_type")]
    [TestCase("\"stream\": \"maybe\"", "body.stream", "bool_parsing")]
    [TestCase("\"n\": 1.5", "body.n", "int_from_float")]
    [TestCase("\"stop\": 5", "body.stop", "string_type")]
    public async Task WrongTypesNameTheField(string field, string param, string type)
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", $$"""{"model":"llama","messages":[{"role":"user","content":"x"}],{{field}}}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["param"]!.GetValue<string>(), Is.EqualTo(param));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain($"'type': '{type}'"));
    }

    [Test]
    public async Task MissingMessagesIsFieldRequired()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", """{"model":"llama"}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["message"]!.GetValue<string>(), Does.Contain("'type': 'missing', 'loc': ('body', 'messages')"));
    }

    [Test]
    public async Task UnknownModelIs404WithParamModel()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("gpt-9", "hi"));

        Assert.That(status, Is.EqualTo(404));
        var error = body!["error"]!;
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("The model `gpt-9` does not exist."));
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("NotFoundError"));
        Assert.That(error["param"]!.GetValue<string>(), Is.EqualTo("model"));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(404));
    }

    [Test]
    public async Task SamplingChecksAnswerBadRequestError()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hi", ""","temperature":-1"""));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("BadRequestError"));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Is.EqualTo("temperature must be non-negative, got -1.0."));
    }

    [Test]
    public async Task TooLongARequestNamesTheContextLength()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hi", ""","max_tokens":600"""));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["message"]!.GetValue<string>(), Does.StartWith("This model's maximum context length is 512 tokens."));
    }

    [TestCase("v1/chat/completions", "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\udfffb\"}]}")]
    [TestCase("tokenize", "\"x\\ud800\"")]
    [TestCase("v1/completions", "{\"\\ud800\":1,\"model\":\"llama\",\"prompt\":\"x\"}")]
    public async Task LoneSurrogateEscapesAre400NotA500(string path, string json)
    {
        // JSON parsers accept "\udfff", but the string cannot be read as UTF-16; found by tests/Fuzz.Tests (was a 500).
        var (status, body, _) = await LlmClient.PostAsync(http, path, json);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("Bad Request"));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain("string_unicode"));
        Assert.That(server.Log.Snapshot(), Has.None.Contain("Unhandled error"));
    }

    [Test]
    public async Task OversizedBodyIs413()
    {
        var big = new string('a', 100 * 1024);
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", big));
        Assert.That(status, Is.EqualTo(413));
        Assert.That(body!["error"]!["code"]!.GetValue<int>(), Is.EqualTo(413));
    }

    [Test]
    public async Task MissingOrWrongKeyIs401WithVllmsBodyAndOpenRoutesStayOpen()
    {
        using var anonymous = LlmClient.Create(server.Uri);
        using var wrong = LlmClient.Create(server.Uri, "nope");
        var (missing, missingBody, missingRaw) = await LlmClient.PostAsync(anonymous, "v1/chat/completions", LlmClient.Chat("llama", "hi"));
        var (bad, _, badRaw) = await LlmClient.PostAsync(wrong, "v1/completions", """{"model":"llama","prompt":"hi"}""");
        var models = await anonymous.GetAsync("v1/models");

        Assert.Multiple(async () =>
        {
            Assert.That(missing, Is.EqualTo(401));
            Assert.That(missingRaw, Is.EqualTo("""{"error":"Unauthorized"}"""));
            Assert.That(bad, Is.EqualTo(401));
            Assert.That(badRaw, Does.Not.Contain(Key).And.Not.Contain("nope"));
            Assert.That((int)models.StatusCode, Is.EqualTo(401));
            foreach (var open in new[] { "health", "ping", "metrics", "version", "load" })
            {
                Assert.That((int)(await anonymous.GetAsync(open)).StatusCode, Is.EqualTo(200), open);
            }

            var (tokenize, _, _) = await LlmClient.PostAsync(anonymous, "tokenize", """{"prompt":"hi"}""");
            Assert.That(tokenize, Is.EqualTo(200));
        });
        Assert.That(server.Log.Snapshot(), Has.None.Contain(Key));
    }

    [Test]
    public async Task UnknownRouteIsFastApisNotFound()
    {
        var response = await http.GetAsync("nowhere");
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not Found"}"""));
    }

    [Test]
    public async Task ClientDisconnectMidStreamIsCountedAsAbort()
    {
        await using var slow = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], Latency = new LatencyOptions { InterTokenLatency = TimeSpan.FromMilliseconds(50) } });
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(slow.Uri.Host, slow.Uri.Port);
            var body = LlmClient.Chat("llama", "long story", ""","max_tokens":200,"ignore_eos":true,"stream":true""");
            var request = $"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer);
            Assert.That(Encoding.UTF8.GetString(buffer, 0, read), Does.Contain("200 OK"));
        }

        var deadline = DateTime.UtcNow + TestTimeouts.Short;
        while (slow.Engine.Metrics.Success("abort").Value < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(slow.Engine.Metrics.Success("abort").Value, Is.EqualTo(1));
        Assert.That(slow.Engine.Scheduler.RunningSequences, Is.Zero, "the aborted sequence freed its slot");
        using var again = LlmClient.Create(slow.Uri);
        var (status, _, _) = await LlmClient.PostAsync(again, "v1/chat/completions", LlmClient.Chat("llama", "hi", ""","max_tokens":2"""));
        Assert.That(status, Is.EqualTo(200));
    }
}
