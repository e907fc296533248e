using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Generation;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>vLLM-specific endpoints: models with aliases and LoRA, LoRA load/unload, tokenize/detokenize, health, version, streaming details.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class VllmEndpointTests
{
    private FakeLlmServer server = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await FakeLlmServer.StartAsync(new FakeLlmOptions
        {
            Model = "meta-llama/Llama-3.1-8B-Instruct",
            ServedModelNames = ["llama", "llama-8b"],
            Lora = new LoraOptions { Enabled = true, AllowRuntimeUpdating = true, MaxCpuLoras = 2, Modules = [new LoraModule("sql-lora", "/adapters/sql")] },
        });
        http = LlmClient.Create(server.Uri);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Test]
    public async Task ModelsListsEveryServedNameAndLoraWithParentAndPermission()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("v1/models"))!;
        var cards = body["data"]!.AsArray();

        Assert.That(cards.Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "llama", "llama-8b", "sql-lora" }));
        Assert.Multiple(() =>
        {
            Assert.That(cards[0]!["root"]!.GetValue<string>(), Is.EqualTo("meta-llama/Llama-3.1-8B-Instruct"));
            Assert.That(cards[0]!["max_model_len"]!.GetValue<int>(), Is.EqualTo(8192));
            Assert.That(cards[2]!["parent"]!.GetValue<string>(), Is.EqualTo("llama"));
            Assert.That(cards[2]!["max_model_len"], Is.Null);
            Assert.That(cards[0]!["permission"]![0]!["object"]!.GetValue<string>(), Is.EqualTo("model_permission"));
        });
    }

    [Test]
    public async Task LoraLoadAndUnloadUseVllmTextsAndErrors()
    {
        var (missing, missingBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", """{"lora_name":"x"}""");
        var (loaded, _, loadedText) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", """{"lora_name":"chat-lora","lora_path":"/adapters/chat"}""");
        var (duplicate, duplicateBody, _) = await LlmClient.PostAsync(http, "v1/load_lora_adapter", """{"lora_name":"chat-lora","lora_path":"/adapters/chat"}""");
        var (served, _, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("chat-lora", "hi", ""","max_tokens":2"""));
        var (unloaded, _, unloadedText) = await LlmClient.PostAsync(http, "v1/unload_lora_adapter", """{"lora_name":"chat-lora"}""");
        var (unknown, unknownBody, _) = await LlmClient.PostAsync(http, "v1/unload_lora_adapter", """{"lora_name":"chat-lora"}""");

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(400));
            Assert.That(missingBody!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Both 'lora_name' and 'lora_path' must be provided."));
            Assert.That(loaded, Is.EqualTo(200));
            Assert.That(loadedText, Is.EqualTo("Success: LoRA adapter 'chat-lora' added successfully."));
            Assert.That(duplicate, Is.EqualTo(400));
            Assert.That(duplicateBody!["error"]!["message"]!.GetValue<string>(), Does.Contain("has already been loaded"));
            Assert.That(served, Is.EqualTo(200));
            Assert.That(unloaded, Is.EqualTo(200));
            Assert.That(unloadedText, Is.EqualTo("Success: LoRA adapter 'chat-lora' removed successfully."));
            Assert.That(unknown, Is.EqualTo(404));
            Assert.That(unknownBody!["error"]!["message"]!.GetValue<string>(), Is.EqualTo("The lora adapter 'chat-lora' cannot be found."));
        });
    }

    [Test]
    public async Task LoraRoutesDoNotExistWithoutTheEnvironmentSwitch()
    {
        await using var plain = await FakeLlmServer.StartAsync(new FakeLlmOptions { Lora = new LoraOptions { Enabled = true } });
        using var client = LlmClient.Create(plain.Uri);
        var (status, _, _) = await LlmClient.PostAsync(client, "v1/load_lora_adapter", """{"lora_name":"a","lora_path":"/a"}""");
        Assert.That(status, Is.EqualTo(404));
    }

    [Test]
    public async Task TokenizeCountsMatchUsageAndDetokenizeRoundTrips()
    {
        var (status, body, _) = await LlmClient.PostAsync(http, "tokenize", """{"model":"llama","prompt":"Hello world, 12345!","return_token_strs":true}""");
        Assert.That(status, Is.EqualTo(200));
        var tokens = body!["tokens"]!.AsArray().Select(t => t!.GetValue<int>()).ToList();
        Assert.That(body["count"]!.GetValue<int>(), Is.EqualTo(tokens.Count));
        Assert.That(tokens[0], Is.EqualTo(Tokenizer.SpecialId(Tokenizer.BeginOfText)));
        Assert.That(string.Concat(body["token_strs"]!.AsArray().Skip(1).Select(t => t!.GetValue<string>())), Is.EqualTo("Hello world, 12345!"));

        var (_, detok, _) = await LlmClient.PostAsync(http, "detokenize", $$"""{"model":"llama","tokens":[{{string.Join(',', tokens.Skip(1))}}]}""");
        Assert.That(detok!["prompt"]!.GetValue<string>(), Is.EqualTo("Hello world, 12345!"));

        var (_, chatTokens, _) = await LlmClient.PostAsync(http, "tokenize", """{"model":"llama","messages":[{"role":"user","content":"Hello"}]}""");
        var (_, chat, _) = await LlmClient.PostAsync(http, "v1/chat/completions", """{"model":"llama","messages":[{"role":"user","content":"Hello"}],"max_tokens":1}""");
        Assert.That(chat!["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(chatTokens!["count"]!.GetValue<int>()));
    }

    [Test]
    public async Task HealthPingAndVersionAnswerLikeVllm()
    {
        var health = await http.GetAsync("health");
        var ping = await http.PostAsync("ping", null);
        var version = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("version"))!;

        Assert.That((int)health.StatusCode, Is.EqualTo(200));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That((int)ping.StatusCode, Is.EqualTo(200));
        Assert.That(version["version"]!.GetValue<string>(), Is.EqualTo("0.11.0"));
    }

    [Test]
    public async Task StreamOmitsUsageUnlessContinuousStatsAndEndsWithDone()
    {
        var (_, _, plain) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hi", ""","max_tokens":3,"stream":true"""));
        var (_, _, continuous) = await LlmClient.PostAsync(http, "v1/completions", """{"model":"llama","prompt":"hi","max_tokens":3,"stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true}}""");

        var plainEvents = plain.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var continuousEvents = continuous.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(plainEvents[^1], Is.EqualTo("data: [DONE]"));
            Assert.That(plain, Does.Not.Contain("\"usage\""), "vLLM omits unset usage");
            Assert.That(plainEvents[^2], Does.Contain("\"finish_reason\":\"length\",\"stop_reason\":null"));
            Assert.That(continuousEvents.SkipLast(1).All(e => e.Contains("\"usage\"", StringComparison.Ordinal)), Is.True);
            Assert.That(continuousEvents[^2], Does.Contain("\"choices\":[]"));
            Assert.That(continuousEvents[0], Does.Contain("\"object\":\"text_completion\""));
        });
    }

    [Test]
    public async Task StopStringEndsTheChoiceWithStopReason()
    {
        await using var echo = await FakeLlmServer.StartAsync(new FakeLlmOptions { Generation = new GenerationOptions { Mode = GenerationMode.Echo } });
        using var client = LlmClient.Create(echo.Uri);
        var (_, body, _) = await LlmClient.PostAsync(client, "v1/completions", """{"prompt":"alpha beta gamma delta","stop":[" gamma"],"max_tokens":20}""");
        var choice = body!["choices"]![0]!;
        Assert.That(choice["text"]!.GetValue<string>(), Is.EqualTo("alpha beta"));
        Assert.That(choice["finish_reason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(choice["stop_reason"]!.GetValue<string>(), Is.EqualTo(" gamma"));
    }

    [Test]
    public async Task NChoicesAndLogprobsAreReturned()
    {
        var (_, body, _) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hi", ""","max_tokens":4,"n":3,"logprobs":true,"top_logprobs":2"""));
        var choices = body!["choices"]!.AsArray();
        Assert.That(choices, Has.Count.EqualTo(3));
        Assert.That(body["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(12));
        var content = choices[0]!["logprobs"]!["content"]!.AsArray();
        Assert.That(content, Has.Count.EqualTo(4));
        Assert.That(content[0]!["top_logprobs"]!.AsArray(), Has.Count.EqualTo(2));
    }
}
