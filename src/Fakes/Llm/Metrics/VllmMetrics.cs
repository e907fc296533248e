using System.Globalization;

namespace PlatformValidation.Fakes.Llm.Metrics;

/// <summary>
/// Every series vLLM's V1 engine exposes at <c>/metrics</c> (names, help texts, types, labels and buckets from
/// vllm/v1/metrics/loggers.py), all bound at start-up so they read zero before the first request.
/// Labels are <c>model_name</c> (the first served name) and <c>engine</c> (<c>"0"</c>); <c>vllm:lora_requests_info</c>
/// has only its adapter labels and <c>vllm:cache_config_info</c> has <c>engine</c> plus the cache configuration.
/// </summary>
public sealed class VllmMetrics
{
    /// <summary>vLLM's <c>FinishReason</c> values, each pre-created on <c>vllm:request_success_total</c>.</summary>
    public static readonly IReadOnlyList<string> FinishReasons = ["stop", "length", "abort", "error", "repetition"];

    /// <summary>Sources pre-created on <c>vllm:prompt_tokens_by_source_total</c>.</summary>
    public static readonly IReadOnlyList<string> PromptTokenSources = ["local_compute", "local_cache_hit", "external_kv_transfer"];

    private readonly Dictionary<string, CounterChild> success = new(StringComparer.Ordinal);
    private readonly Gauge? loraInfo;
    private readonly string maxLora;

    public VllmMetrics(MetricRegistry registry, VllmMetricsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(settings);
        Registry = registry;
        string[] l = ["model_name", "engine"];
        string[] v = [settings.ModelName, "0"];
        var tokens = VllmBuckets.OneTwoFive(settings.MaxModelLen);

        Running = registry.Gauge("vllm:num_requests_running", "Number of requests in model execution batches.", l).WithLabels(v);
        Waiting = registry.Gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", l).WithLabels(v);
        var byReason = registry.Gauge("vllm:num_requests_waiting_by_reason", "Number of requests waiting to be processed, by reason.", [.. l, "reason"]);
        WaitingCapacity = byReason.WithLabels(settings.ModelName, "0", "capacity");
        WaitingDeferred = byReason.WithLabels(settings.ModelName, "0", "deferred");
        var sleep = registry.Gauge(
            "vllm:engine_sleep_state",
            "Engine sleep state; awake = 0 means engine is sleeping; awake = 1 means engine is awake; weights_offloaded = 1 means sleep level 1; discard_all = 1 means sleep level 2.",
            [.. l, "sleep_state"]);
        sleep.WithLabels(settings.ModelName, "0", "awake").Set(1);
        sleep.WithLabels(settings.ModelName, "0", "weights_offloaded");
        sleep.WithLabels(settings.ModelName, "0", "discard_all");
        if (settings.ShowHiddenMetrics)
        {
            GpuCacheUsage = registry.Gauge(
                "vllm:gpu_cache_usage_perc",
                "GPU KV-cache usage. 1 means 100 percent usage.DEPRECATED: Use vllm:kv_cache_usage_perc instead.",
                l).WithLabels(v);
        }

        KvCacheUsage = registry.Gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", l).WithLabels(v);
        PrefixCacheQueries = registry.Counter("vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", l).WithLabels(v);
        PrefixCacheHits = registry.Counter("vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", l).WithLabels(v);
        if (settings.ShowHiddenMetrics)
        {
            GpuPrefixCacheQueries = registry.Counter(
                "vllm:gpu_prefix_cache_queries_total",
                "GPU prefix cache queries, in terms of number of queriedtokens. DEPRECATED: Use vllm:prefix_cache_queries instead.",
                l).WithLabels(v);
            GpuPrefixCacheHits = registry.Counter(
                "vllm:gpu_prefix_cache_hits_total",
                "GPU prefix cache hits, in terms of number of cached tokens. DEPRECATED: Use vllm:prefix_cache_hits instead.",
                l).WithLabels(v);
        }

        registry.Counter(
            "vllm:external_prefix_cache_queries_total",
            "External prefix cache queries from KV connector cross-instance cache sharing, in terms of number of queried tokens.",
            l).WithLabels(v);
        registry.Counter(
            "vllm:external_prefix_cache_hits_total",
            "External prefix cache hits from KV connector cross-instance cache sharing, in terms of number of cached tokens.",
            l).WithLabels(v);
        registry.Counter("vllm:mm_cache_queries_total", "Multi-modal cache queries, in terms of number of queried items.", l).WithLabels(v);
        registry.Counter("vllm:mm_cache_hits_total", "Multi-modal cache hits, in terms of number of cached items.", l).WithLabels(v);
        Preemptions = registry.Counter("vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", l).WithLabels(v);
        PromptTokens = registry.Counter("vllm:prompt_tokens_total", "Number of prefill tokens processed.", l).WithLabels(v);
        var bySource = registry.Counter("vllm:prompt_tokens_by_source_total", "Number of prompt tokens by source.", [.. l, "source"]);
        PromptTokensComputed = bySource.WithLabels(settings.ModelName, "0", PromptTokenSources[0]);
        PromptTokensCacheHit = bySource.WithLabels(settings.ModelName, "0", PromptTokenSources[1]);
        bySource.WithLabels(settings.ModelName, "0", PromptTokenSources[2]);
        PromptTokensCached = registry.Counter("vllm:prompt_tokens_cached_total", "Number of cached prompt tokens (local + external).", l).WithLabels(v);
        registry.Counter("vllm:prompt_tokens_recomputed_total", "Number of cached tokens recomputed for forward pass.", l).WithLabels(v);
        GenerationTokens = registry.Counter("vllm:generation_tokens_total", "Number of generation tokens processed.", l).WithLabels(v);
        var successFamily = registry.Counter("vllm:request_success_total", "Count of successfully processed requests.", [.. l, "finished_reason"]);
        foreach (var reason in FinishReasons)
        {
            success[reason] = successFamily.WithLabels(settings.ModelName, "0", reason);
        }

        PromptTokensPerRequest = registry.Histogram("vllm:request_prompt_tokens", "Number of prefill tokens processed.", tokens, l).WithLabels(v);
        GenerationTokensPerRequest = registry.Histogram("vllm:request_generation_tokens", "Number of generation tokens processed.", tokens, l).WithLabels(v);
        IterationTokens = registry.Histogram("vllm:iteration_tokens_total", "Histogram of number of tokens per engine_step.", VllmBuckets.IterationTokens, l).WithLabels(v);
        MaxGenerationTokens = registry.Histogram(
            "vllm:request_max_num_generation_tokens", "Histogram of maximum number of requested generation tokens.", tokens, l).WithLabels(v);
        ParamsN = registry.Histogram("vllm:request_params_n", "Histogram of the n request parameter.", VllmBuckets.ParamsN, l).WithLabels(v);
        ParamsMaxTokens = registry.Histogram("vllm:request_params_max_tokens", "Histogram of the max_tokens request parameter.", tokens, l).WithLabels(v);
        TimeToFirstToken = registry.Histogram(
            "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", VllmBuckets.TimeToFirstToken, l).WithLabels(v);
        InterTokenLatency = registry.Histogram(
            "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", VllmBuckets.InterTokenLatency, l).WithLabels(v);
        if (settings.ShowHiddenMetrics)
        {
            TimePerOutputToken = registry.Histogram(
                "vllm:time_per_output_token_seconds",
                "Histogram of time per output token in seconds.DEPRECATED: Use vllm:inter_token_latency_seconds instead.",
                VllmBuckets.InterTokenLatency,
                l).WithLabels(v);
        }

        RequestTimePerOutputToken = registry.Histogram(
            "vllm:request_time_per_output_token_seconds", "Histogram of time_per_output_token_seconds per request.", VllmBuckets.InterTokenLatency, l).WithLabels(v);
        E2eLatency = registry.Histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", VllmBuckets.RequestLatency, l).WithLabels(v);
        QueueTime = registry.Histogram(
            "vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", VllmBuckets.RequestLatency, l).WithLabels(v);
        InferenceTime = registry.Histogram(
            "vllm:request_inference_time_seconds", "Histogram of time spent in RUNNING phase for request.", VllmBuckets.RequestLatency, l).WithLabels(v);
        PrefillTime = registry.Histogram(
            "vllm:request_prefill_time_seconds", "Histogram of time spent in PREFILL phase for request.", VllmBuckets.RequestLatency, l).WithLabels(v);
        DecodeTime = registry.Histogram(
            "vllm:request_decode_time_seconds", "Histogram of time spent in DECODE phase for request.", VllmBuckets.RequestLatency, l).WithLabels(v);
        PrefillKvComputed = registry.Histogram(
            "vllm:request_prefill_kv_computed_tokens", "Histogram of new KV tokens computed during prefill (excluding cached tokens).", tokens, l).WithLabels(v);
        PreemptionsPerRequest = registry.Histogram(
            "vllm:request_num_preemptions", "Histogram of the number of preemptions per finished request.", VllmBuckets.Preemptions, l).WithLabels(v);

        maxLora = settings.MaxLoras.ToString(CultureInfo.InvariantCulture);
        if (settings.EnableLora)
        {
            loraInfo = registry.Gauge("vllm:lora_requests_info", "Running stats on lora requests.", "max_lora", "waiting_lora_adapters", "running_lora_adapters");
            UpdateLoraInfo([], []);
        }

        var cache = settings.CacheConfig;
        var cacheInfo = registry.Gauge("vllm:cache_config_info", "Information of the LLMEngine CacheConfig", [.. cache.Keys, "engine"]);
        cacheInfo.WithLabels([.. cache.Values, "0"]).Set(1);
    }

    public MetricRegistry Registry { get; }

    public GaugeChild Running { get; }

    public GaugeChild Waiting { get; }

    public GaugeChild WaitingCapacity { get; }

    public GaugeChild WaitingDeferred { get; }

    public GaugeChild KvCacheUsage { get; }

    public GaugeChild? GpuCacheUsage { get; }

    public CounterChild PrefixCacheQueries { get; }

    public CounterChild PrefixCacheHits { get; }

    public CounterChild? GpuPrefixCacheQueries { get; }

    public CounterChild? GpuPrefixCacheHits { get; }

    public CounterChild Preemptions { get; }

    public CounterChild PromptTokens { get; }

    public CounterChild PromptTokensComputed { get; }

    public CounterChild PromptTokensCacheHit { get; }

    public CounterChild PromptTokensCached { get; }

    public CounterChild GenerationTokens { get; }

    public HistogramChild PromptTokensPerRequest { get; }

    public HistogramChild GenerationTokensPerRequest { get; }

    public HistogramChild IterationTokens { get; }

    public HistogramChild MaxGenerationTokens { get; }

    public HistogramChild ParamsN { get; }

    public HistogramChild ParamsMaxTokens { get; }

    public HistogramChild TimeToFirstToken { get; }

    public HistogramChild InterTokenLatency { get; }

    public HistogramChild? TimePerOutputToken { get; }

    public HistogramChild RequestTimePerOutputToken { get; }

    public HistogramChild E2eLatency { get; }

    public HistogramChild QueueTime { get; }

    public HistogramChild InferenceTime { get; }

    public HistogramChild PrefillTime { get; }

    public HistogramChild DecodeTime { get; }

    public HistogramChild PrefillKvComputed { get; }

    public HistogramChild PreemptionsPerRequest { get; }

    public CounterChild Success(string finishedReason) => success[finishedReason];

    public void SetQueue(int running, int waiting, double kvUsage)
    {
        Running.Set(running);
        Waiting.Set(waiting);
        WaitingCapacity.Set(waiting);
        KvCacheUsage.Set(kvUsage);
        GpuCacheUsage?.Set(kvUsage);
    }

    public void PrefixCache(int queried, int hit)
    {
        PrefixCacheQueries.Inc(queried);
        PrefixCacheHits.Inc(hit);
        GpuPrefixCacheQueries?.Inc(queried);
        GpuPrefixCacheHits?.Inc(hit);
    }

    public void InterToken(double seconds)
    {
        InterTokenLatency.Observe(seconds);
        TimePerOutputToken?.Observe(seconds);
    }

    /// <summary>
    /// Sets the LoRA info series for the current running/waiting adapter names to the current time, as vLLM does on
    /// every engine step (a new label combination becomes a new series; consumers pick the one with the largest value).
    /// </summary>
    public void UpdateLoraInfo(IEnumerable<string> running, IEnumerable<string> waiting)
    {
        loraInfo?.WithLabels(maxLora, string.Join(',', waiting), string.Join(',', running)).SetToCurrentTime();
    }
}

/// <summary>What the metric set depends on: the served model name, length limit, LoRA settings and cache configuration labels.</summary>
public sealed record VllmMetricsSettings(
    string ModelName,
    int MaxModelLen,
    bool EnableLora,
    int MaxLoras,
    bool ShowHiddenMetrics,
    IReadOnlyDictionary<string, string> CacheConfig);
