using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fuzz.Tests.Generators;
using PlatformValidation.Fuzz.Tests.Harness;

namespace PlatformValidation.Fuzz.Tests.Targets;

/// <summary>
/// fake-llm's request parsing on every route that reads a body (chat, completions, tokenize, detokenize, LoRA
/// load/unload, admin), in-process on port 0 with an API key. Contract under fuzzing: vLLM's answers below 500, the
/// server log free of "Unhandled error", and no hang. Faults a fuzzed <c>/admin/config</c> turns on are reset after
/// each case, so an injected 5xx is never mistaken for a crash.
/// </summary>
[CancelAfter(FuzzTimeouts.TestMs)]
public sealed class FakeLlmRequestFuzzTests
{
    private const string Key = "fuzz-key";

    private static readonly string[] Keys =
    [
        "model", "messages", "role", "content", "type", "text", "name", "tool_calls", "tool_call_id", "function", "arguments", "prompt", "max_tokens",
        "max_completion_tokens", "min_tokens", "n", "stop", "temperature", "top_p", "seed", "stream", "stream_options", "include_usage",
        "continuous_usage_stats", "logprobs", "top_logprobs", "echo", "tools", "tool_choice", "parameters", "properties", "items", "required", "enum",
        "minimum", "maximum", "tokens", "add_special_tokens", "add_generation_prompt", "return_token_strs", "lora_name", "lora_path", "load_inplace",
        "lora_int_id", "latency", "faults", "profile", "errorRate", "errorStatus", "stallRate", "dropRate", "unhealthy", "user", "system", "assistant",
        "tool", "developer", "wizard", "llama", "sql-lora", "../../x",
    ];

    private static readonly string[] Routes =
        ["v1/chat/completions", "v1/chat/completions", "v1/chat/completions", "v1/completions", "v1/completions", "tokenize", "detokenize", "v1/load_lora_adapter", "v1/unload_lora_adapter", "admin/config"];

    private FakeLlmServer server = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await FakeLlmServer.StartAsync(new FakeLlmOptions
        {
            ServedModelNames = ["llama"],
            ApiKeys = [Key],
            EnableAdmin = true,
            MaxModelLen = 2048,
            MaxRequestBodyBytes = 2 * 1024 * 1024,
            AccessLog = false,
            Lora = new LoraOptions { Enabled = true, AllowRuntimeUpdating = true, MaxLoras = 2, MaxCpuLoras = 8, Modules = [new LoraModule("sql-lora", "/adapters/sql")] },
        });
        http = new HttpClient { BaseAddress = server.Uri, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Test]
    public async Task RequestsGetVllmsAnswersBelow500()
    {
        var corpus = Corpus.Load("llm");
        var bodies = corpus.Select(c => c.Text).ToList();
        var body = Gen.Frequency(
            (6, Hostile.Mutate(bodies)),
            (4, Hostile.JsonValue(Keys)),
            (1, Hostile.OddText),
            (1, Hostile.HugeScalar.Select(s => "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":" + Hostile.JsonString(s) + "}]}")),
            (1, Gen.Choose(1, 200).Select(depth => "{\"messages\":[{\"role\":\"user\",\"content\":" + new string('[', depth) + new string(']', depth) + "}]}")));
        var request = from route in Gen.Elements(Routes) from b in body select new LlmRequest(route, b);
        var seeds = corpus.Select(c => new LlmRequest(RouteOf(c.Name), c.Text));

        var report = await FuzzRunner.RunAsync("fake-llm-requests", seeds, request, SendAsync, r => r.ToString());

        FuzzRunner.AssertNoFailures(report);
        Assert.That(server.Log.Snapshot(), Has.None.Contain("Unhandled error"));
    }

    [Test]
    public async Task DeepAndBombBodiesGetAnAnswer()
    {
        var inputs = Hostile.DeepInputs(1_000, 100_000)
            .Where(i => i.Name.StartsWith("Json", StringComparison.Ordinal))
            .SelectMany(i => new[] { "v1/chat/completions", "tokenize", "admin/config", "v1/load_lora_adapter" }.Select(route => new LlmRequest(route, i.Text)))
            .Append(new LlmRequest("admin/config", Hostile.BillionLaughs(9, 9)))
            .Append(new LlmRequest("admin/config", Hostile.Deep(DeepShape.YamlFlow, 100_000)))
            .Append(new LlmRequest("admin/config", Hostile.Deep(DeepShape.YamlBlock, 3_000)));

        var report = await FuzzRunner.RunAsync("fake-llm-requests-deep", inputs, Gen.Constant(new LlmRequest("health", "")), SendAsync, r => r.ToString(), TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
        Assert.That(server.Log.Snapshot(), Has.None.Contain("Unhandled error"));
    }

    private async Task<FuzzOutcome> SendAsync(LlmRequest r, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(r.Body));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            using var response = await http.PostAsync(r.Route, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var label = $"{r.Route} {status}";
            return status >= 500 ? FuzzOutcome.Fail(label, $"{status}: {text[..Math.Min(400, text.Length)]}") : FuzzOutcome.Ok(status.ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            return FuzzOutcome.Fail("connection " + e.HttpRequestError, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (r.Route == "admin/config")
            {
                // A fuzzed admin body may legitimately switch faults or slow latency on; put them back.
                server.Control.SetFaults(FaultOptions.None);
                server.Control.SetLatency(LatencyOptions.None);
            }
        }
    }

    private static string RouteOf(string corpusName) => corpusName.Split('-')[0] switch
    {
        "completions" => "v1/completions",
        "tokenize" => "tokenize",
        "detokenize" => "detokenize",
        "lora" => "v1/load_lora_adapter",
        "admin" => "admin/config",
        _ => "v1/chat/completions",
    };
}

/// <summary>One POST to the fake LLM server.</summary>
public sealed record LlmRequest(string Route, string Body)
{
    public override string ToString() => $"POST /{Route} {Body}";
}
