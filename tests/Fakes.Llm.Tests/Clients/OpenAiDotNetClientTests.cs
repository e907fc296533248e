#pragma warning disable OPENAI001 // ChatCompletionOptions.Seed is marked experimental in the SDK; vLLM supports seed.
using PlatformValidation.Tests;
using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;

namespace PlatformValidation.Fakes.Llm.Tests.Clients;

/// <summary>The official OpenAI .NET SDK (package OpenAI) talks to the fake as it would to vLLM.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class OpenAiDotNetClientTests
{
    private const string Key = "sk-test-key";
    private FakeLlmServer server = null!;
    private ChatClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama", "llama-alias"], ApiKeys = [Key], Latency = LatencyProfiles.TryGet("fast", out var fast) ? fast : LatencyOptions.None });
        client = new ChatClient("llama-alias", new ApiKeyCredential(Key), new OpenAIClientOptions { Endpoint = new Uri(server.Uri, "v1"), NetworkTimeout = TestTimeouts.Medium });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await server.DisposeAsync();

    [Test]
    public async Task ChatCompletionReturnsTextUsageAndTheFirstServedName()
    {
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hello, who are you?")], new ChatCompletionOptions { MaxOutputTokenCount = 8, Seed = 7 });

        Assert.Multiple(() =>
        {
            Assert.That(completion.Content[0].Text, Is.Not.Empty);
            Assert.That(completion.Model, Is.EqualTo("llama"), "vLLM answers with its first served name");
            Assert.That(completion.Id, Does.StartWith("chatcmpl-"));
            Assert.That(completion.Usage.OutputTokenCount, Is.EqualTo(8));
            Assert.That(completion.Usage.InputTokenCount, Is.GreaterThan(5));
            Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        });
    }

    [Test]
    public async Task SameSeedGivesTheSameText()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 20, Seed = 42 };
        ChatCompletion a = await client.CompleteChatAsync([new UserChatMessage("Tell me a story")], options);
        ChatCompletion b = await client.CompleteChatAsync([new UserChatMessage("Tell me a story")], options);
        ChatCompletion c = await client.CompleteChatAsync([new UserChatMessage("Tell me a story")], new ChatCompletionOptions { MaxOutputTokenCount = 20, Seed = 43 });

        Assert.That(a.Content[0].Text, Is.EqualTo(b.Content[0].Text));
        Assert.That(a.Content[0].Text, Is.Not.EqualTo(c.Content[0].Text));
    }

    [Test]
    public async Task StreamingDeliversTokensInOrderAndUsageAtTheEnd()
    {
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream please")], new ChatCompletionOptions { MaxOutputTokenCount = 10 }))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Multiple(() =>
        {
            Assert.That(updates, Is.GreaterThanOrEqualTo(11), "a role chunk, ten token chunks and a usage chunk");
            Assert.That(text.ToString(), Is.Not.Empty);
            Assert.That(finish, Is.EqualTo(ChatFinishReason.Length));
            Assert.That(usage?.OutputTokenCount, Is.EqualTo(10));
        });
    }

    [Test]
    public async Task RequiredToolChoiceCallsATool()
    {
        var tool = ChatTool.CreateFunctionTool(
            "get_weather",
            "Weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1,"maximum":7},"unit":{"enum":["c","f"]}},"required":["city","days","unit"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Weather in Paris?")], options);

        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(completion.ToolCalls, Has.Count.EqualTo(1));
        var call = completion.ToolCalls[0];
        Assert.That(call.FunctionName, Is.EqualTo("get_weather"));
        using var args = JsonDocument.Parse(call.FunctionArguments);
        Assert.Multiple(() =>
        {
            Assert.That(args.RootElement.GetProperty("city").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(args.RootElement.GetProperty("days").GetInt32(), Is.InRange(1, 7));
            Assert.That(args.RootElement.GetProperty("unit").GetString(), Is.AnyOf("c", "f"));
        });
    }

    [Test]
    public async Task NamedToolChoiceCallsThatToolAndFinishesWithStop()
    {
        var weather = ChatTool.CreateFunctionTool("get_weather", "w", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var time = ChatTool.CreateFunctionTool("get_time", "t", BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}"""));
        var options = new ChatCompletionOptions { Tools = { weather, time }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_time") };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("What time is it?")], options);

        Assert.That(completion.ToolCalls.Single().FunctionName, Is.EqualTo("get_time"));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Stop), "vLLM and OpenAI end named tool calls with stop");
    }

    [Test]
    public async Task AutoToolChoiceAnswersInTextAfterAToolResult()
    {
        var weather = ChatTool.CreateFunctionTool("get_weather", "w", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { weather } };
        ChatCompletion first = await client.CompleteChatAsync([new UserChatMessage("Weather in Oslo?")], options);
        Assert.That(first.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));

        var call = first.ToolCalls[0];
        ChatCompletion second = await client.CompleteChatAsync(
            [new UserChatMessage("Weather in Oslo?"), new AssistantChatMessage([call]), new ToolChatMessage(call.Id, "sunny, 21 C")],
            options);

        Assert.That(second.FinishReason, Is.Not.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(second.Content[0].Text, Is.Not.Empty);
    }

    [Test]
    public async Task StreamedToolCallArrivesInPieces()
    {
        var tool = ChatTool.CreateFunctionTool("lookup", "l", BinaryData.FromString("""{"type":"object","properties":{"ids":{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":4}},"required":["ids"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        var arguments = new System.Text.StringBuilder();
        string? name = null;
        var pieces = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("look up")], options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                name ??= part.FunctionName;
                arguments.Append(part.FunctionArgumentsUpdate?.ToString());
                pieces++;
            }
        }

        Assert.That(name, Is.EqualTo("lookup"));
        Assert.That(pieces, Is.GreaterThan(1));
        using var args = JsonDocument.Parse(arguments.ToString());
        Assert.That(args.RootElement.GetProperty("ids").GetArrayLength(), Is.InRange(2, 4));
    }

    [Test]
    public void WrongKeySurfacesAsAnAuthenticationFailureInTheSdk()
    {
        var wrong = new ChatClient("llama", new ApiKeyCredential("not-the-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Uri, "v1") });

        var ex = Assert.ThrowsAsync<ClientResultException>(async () => await wrong.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.That(ex!.Status, Is.EqualTo(401));
        Assert.That(ex.Message, Does.Not.Contain(Key));
    }
}
