using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>
/// What the chat template refuses, answered as vLLM answers a template error: 400 <c>BadRequestError</c>, param null
/// (create_error_response in vllm/entrypoints/serve/exception_handling/error_response.py).
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class ChatMessageValidationTests
{
    private FakeLlmServer server = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], AccessLog = false });
        http = LlmClient.Create(server.Uri);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [TestCase("v1/chat/completions")]
    [TestCase("tokenize")]
    public async Task EmptyMessagesIs400WithTheTemplatesMessage(string path)
    {
        var (status, body, _) = await LlmClient.PostAsync(http, path, """{"model":"llama","messages":[]}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("BadRequestError"));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Is.EqualTo("list object has no element 0"));
        Assert.That(body["error"]!["param"], Is.Null);
        Assert.That(body["error"]!["code"]!.GetValue<int>(), Is.EqualTo(400));
    }

    [TestCase("wizard", 0)]
    [TestCase("User", 1)]
    [TestCase("", 1)]
    public async Task UnknownRoleIs400NamingTheRoleAndIndex(string role, int index)
    {
        var messages = index == 0
            ? $$"""[{"role":"{{role}}","content":"x"}]"""
            : $$"""[{"role":"system","content":"s"},{"role":"{{role}}","content":"x"}]""";
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", $$"""{"model":"llama","messages":{{messages}}}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("BadRequestError"));
        Assert.That(body["error"]!["message"]!.GetValue<string>(), Is.EqualTo($"Unexpected message role '{role}' in messages[{index}]: the chat template accepts system, developer, user, assistant, tool and function."));
    }

    [Test]
    public async Task EveryOpenAiRoleIsAccepted()
    {
        var body = """
            {"model":"llama","max_tokens":2,"messages":[
              {"role":"developer","content":"d"},{"role":"system","content":"s"},{"role":"user","content":"u"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"r"},{"role":"function","name":"f","content":"r"},{"role":"user","content":"again"}]}
            """;
        var (status, response, _) = await LlmClient.PostAsync(http, "v1/chat/completions", body);

        Assert.That(status, Is.EqualTo(200), response?.ToJsonString());
    }

    [Test]
    public async Task SchemaErrorsComeBeforeTheTemplate()
    {
        // pydantic validates first: a non-string role is a 400 "Bad Request" validation error, not a template error.
        var (status, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", """{"model":"llama","messages":[{"role":5,"content":"x"}]}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("Bad Request"));
        Assert.That(body["error"]!["param"]!.GetValue<string>(), Is.EqualTo("body.messages.0.role"));
    }
}
