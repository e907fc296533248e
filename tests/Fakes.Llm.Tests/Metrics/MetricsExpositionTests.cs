using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Metrics;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Metrics;

/// <summary>
/// /metrics checked with real Prometheus text-format parsers, not a regex of ours. The primary parser is
/// <c>prometheus_client.parser</c>, the Prometheus project's own Python client (Debian package python3-prometheus-client;
/// PyPI is not reachable here), which raises on malformed lines; names, types, labels and bucket bounds are asserted
/// on its output. The npm package <c>parse-prometheus-text-format</c> (a port of that parser, pinned in js/) must also
/// read the exposition. Expected names, labels and buckets come from vLLM's vllm/v1/metrics/loggers.py.
/// </summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class MetricsExpositionTests
{
    private static readonly string[] Histograms =
    [
        "vllm:time_to_first_token_seconds", "vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds", "vllm:request_time_per_output_token_seconds",
        "vllm:e2e_request_latency_seconds", "vllm:request_queue_time_seconds", "vllm:request_inference_time_seconds", "vllm:request_prefill_time_seconds",
        "vllm:request_decode_time_seconds", "vllm:request_prompt_tokens", "vllm:request_generation_tokens", "vllm:iteration_tokens_total",
        "vllm:request_max_num_generation_tokens", "vllm:request_params_n", "vllm:request_params_max_tokens", "vllm:request_prefill_kv_computed_tokens",
        "vllm:request_num_preemptions",
    ];

    private static readonly string[] Counters =
    [
        "vllm:prompt_tokens", "vllm:generation_tokens", "vllm:request_success", "vllm:num_preemptions", "vllm:prefix_cache_queries", "vllm:prefix_cache_hits",
        "vllm:gpu_prefix_cache_queries", "vllm:gpu_prefix_cache_hits", "vllm:prompt_tokens_by_source", "vllm:prompt_tokens_cached",
    ];

    private static readonly string[] Gauges =
    [
        "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "vllm:lora_requests_info", "vllm:cache_config_info",
    ];

    [Test]
    public async Task EverySeriesExistsAtZeroFromStartupWithVllmNamesTypesLabelsAndBuckets()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], MaxModelLen = 1024, Lora = new LoraOptions { Enabled = true, MaxLoras = 2 } });
        var families = await ParseAsync(server);

        foreach (var name in Histograms)
        {
            Assert.That(Type(families, name), Is.EqualTo("histogram"), name);
        }

        foreach (var name in Counters)
        {
            Assert.That(Type(families, name), Is.EqualTo("counter"), name);
        }

        foreach (var name in Gauges)
        {
            Assert.That(Type(families, name), Is.EqualTo("gauge"), name);
        }

        Assert.Multiple(() =>
        {
            var running = Samples(families, "vllm:num_requests_running").Single();
            Assert.That(Labels(running), Is.EquivalentTo(new Dictionary<string, string> { ["model_name"] = "llama", ["engine"] = "0" }));
            Assert.That(Value(running), Is.Zero);

            var success = Samples(families, "vllm:request_success").Where(s => s["name"]!.GetValue<string>() == "vllm:request_success_total").ToList();
            Assert.That(success.Select(s => Labels(s)["finished_reason"]), Is.EquivalentTo(VllmMetrics.FinishReasons), "every finished_reason pre-created");
            Assert.That(success.All(s => Value(s) == 0), Is.True);

            Assert.That(Bounds(families, "vllm:time_to_first_token_seconds"), Is.EqualTo(VllmBuckets.TimeToFirstToken.Append(double.PositiveInfinity)));
            Assert.That(Bounds(families, "vllm:inter_token_latency_seconds"), Is.EqualTo(VllmBuckets.InterTokenLatency.Append(double.PositiveInfinity)));
            Assert.That(Bounds(families, "vllm:e2e_request_latency_seconds"), Is.EqualTo(VllmBuckets.RequestLatency.Append(double.PositiveInfinity)));
            Assert.That(Bounds(families, "vllm:request_prompt_tokens"), Is.EqualTo(new double[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, double.PositiveInfinity }));
            Assert.That(Bounds(families, "vllm:iteration_tokens_total"), Is.EqualTo(VllmBuckets.IterationTokens.Append(double.PositiveInfinity)));
            Assert.That(Bounds(families, "vllm:request_params_n"), Is.EqualTo(new double[] { 1, 2, 5, 10, 20, double.PositiveInfinity }));

            var lora = Samples(families, "vllm:lora_requests_info").Single();
            Assert.That(Labels(lora).Keys, Is.EquivalentTo(new[] { "max_lora", "waiting_lora_adapters", "running_lora_adapters" }), "no model_name/engine on the LoRA info gauge");
            Assert.That(Labels(lora)["max_lora"], Is.EqualTo("2"));
            Assert.That(Value(lora), Is.GreaterThan(1.6e9), "value is a Unix timestamp");

            var cache = Samples(families, "vllm:cache_config_info").Single();
            Assert.That(Labels(cache), Does.ContainKey("engine").And.ContainKey("block_size").And.ContainKey("num_gpu_blocks").And.Not.ContainKey("model_name"));
            Assert.That(Value(cache), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task CountersAndGaugesMoveWithTrafficAndLoad()
    {
        var latency = new LatencyOptions { TimeToFirstToken = TimeSpan.FromMilliseconds(50), InterTokenLatency = TimeSpan.FromMilliseconds(40) };
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], MaxNumSeqs = 2, Latency = latency });
        using var http = LlmClient.Create(server.Uri);

        // Four slow requests against two slots: two run, two wait.
        var load = Enumerable.Range(0, 4).Select(_ => LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hold on", ""","max_tokens":50,"ignore_eos":true"""))).ToList();
        await WaitUntilAsync(() => server.Engine.Scheduler.Waiting == 2);
        var busy = await ParseAsync(server);
        await Task.WhenAll(load);
        var after = await ParseAsync(server);

        Assert.Multiple(() =>
        {
            Assert.That(Value(Samples(busy, "vllm:num_requests_running").Single()), Is.EqualTo(2));
            Assert.That(Value(Samples(busy, "vllm:num_requests_waiting").Single()), Is.EqualTo(2));
            Assert.That(Value(Samples(busy, "vllm:kv_cache_usage_perc").Single()), Is.GreaterThan(0));
            Assert.That(Value(Samples(busy, "vllm:gpu_cache_usage_perc").Single()), Is.EqualTo(Value(Samples(busy, "vllm:kv_cache_usage_perc").Single())));

            Assert.That(Value(Samples(after, "vllm:num_requests_running").Single()), Is.Zero);
            Assert.That(Value(Samples(after, "vllm:num_requests_waiting").Single()), Is.Zero);
            Assert.That(Value(Samples(after, "vllm:generation_tokens").Single(s => s["name"]!.GetValue<string>() == "vllm:generation_tokens_total")), Is.EqualTo(200));
            Assert.That(Value(Samples(after, "vllm:request_success").Single(s => Labels(s).GetValueOrDefault("finished_reason") == "length" && s["name"]!.GetValue<string>().EndsWith("_total", StringComparison.Ordinal))), Is.EqualTo(4));
            Assert.That(Value(Samples(after, "vllm:prompt_tokens").Single(s => s["name"]!.GetValue<string>() == "vllm:prompt_tokens_total")), Is.GreaterThan(0));
            var queue = Samples(after, "vllm:request_queue_time_seconds").Single(s => s["name"]!.GetValue<string>().EndsWith("_sum", StringComparison.Ordinal));
            Assert.That(Value(queue), Is.GreaterThan(1.0), "two requests waited about a second each");
            var ttftCount = Samples(after, "vllm:time_to_first_token_seconds").Single(s => s["name"]!.GetValue<string>().EndsWith("_count", StringComparison.Ordinal));
            Assert.That(Value(ttftCount), Is.EqualTo(4));
            var itlCount = Samples(after, "vllm:inter_token_latency_seconds").Single(s => s["name"]!.GetValue<string>().EndsWith("_count", StringComparison.Ordinal));
            Assert.That(Value(itlCount), Is.EqualTo(196));
        });
    }

    [Test]
    public async Task NpmParserReadsTheExpositionToo()
    {
        var js = await ExternalTools.NpmPackagesAsync();
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"] });
        using var http = LlmClient.Create(server.Uri);
        var text = await http.GetStringAsync("metrics");

        var (code, stdout, stderr) = await ExternalTools.RunAsync("node", ["parse-metrics.mjs"], js, stdin: text);

        Assert.That(code, Is.Zero, stderr);
        var names = JsonNode.Parse(stdout)!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.That(names, Does.Contain("vllm:num_requests_waiting").And.Contain("vllm:kv_cache_usage_perc").And.Contain("vllm:time_to_first_token_seconds").And.Contain("vllm:request_success_total"));
    }

    [Test]
    public async Task OfficialParserRejectsMalformedText()
    {
        // Guards the guard: the parser used above does fail on text that is not exposition format.
        var python = await ExternalTools.PythonWithPrometheusClientAsync();
        var (code, _, _) = await ExternalTools.RunAsync(python, [ExternalTools.TestDirectory("py/parse_metrics.py")], stdin: "vllm:x{model_name=\"a\" 1\n");
        Assert.That(code, Is.Not.Zero);
    }

    private static async Task<JsonArray> ParseAsync(FakeLlmServer server)
    {
        // Scrape first: the parser starts afterwards, so a slow process start cannot shift what is measured.
        using var http = LlmClient.Create(server.Uri);
        using var response = await http.GetAsync("metrics");
        Assert.That(response.Content.Headers.ContentType?.ToString(), Does.StartWith("text/plain; version=0.0.4"));
        var text = await response.Content.ReadAsStringAsync();
        var python = await ExternalTools.PythonWithPrometheusClientAsync();
        var (code, stdout, stderr) = await ExternalTools.RunAsync(python, [ExternalTools.TestDirectory("py/parse_metrics.py")], stdin: text);
        Assert.That(code, Is.Zero, "prometheus_client rejected the exposition: " + stderr);
        return JsonNode.Parse(stdout)!.AsArray();
    }

    private static JsonNode? Family(JsonArray families, string name) => families.FirstOrDefault(f => f!["name"]!.GetValue<string>() == name);

    private static string? Type(JsonArray families, string name) => Family(families, name)?["type"]!.GetValue<string>();

    private static List<JsonNode> Samples(JsonArray families, string name) =>
        Family(families, name)?["samples"]!.AsArray().Select(s => s!).ToList() ?? throw new AssertionException($"{name} is not exposed.");

    private static Dictionary<string, string> Labels(JsonNode sample) =>
        sample["labels"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static double Value(JsonNode sample) => sample["value"]!.GetValue<double>();

    private static List<double> Bounds(JsonArray families, string name) =>
        [.. Samples(families, name)
            .Where(s => s["name"]!.GetValue<string>().EndsWith("_bucket", StringComparison.Ordinal))
            .Select(s => Labels(s)["le"])
            .Select(le => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture))];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Short;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server did not reach the expected scheduler state.");
            }

            await Task.Delay(10);
        }
    }
}
