namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// Everything that shapes one simulated vLLM server. Build it directly, from vLLM-style arguments
/// (<see cref="VllmArguments"/>), or from a config file (<see cref="FakeLlmConfigFile"/>); call <see cref="Validate"/>
/// (the server does) to get every problem at once.
/// </summary>
public sealed record FakeLlmOptions
{
    /// <summary>Address to bind; loopback unless told otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary><c>--model</c>: the model path or id (the <c>root</c> of its model cards).</summary>
    public string Model { get; init; } = "fake/llama-3.1-8b-instruct";

    /// <summary><c>--served-model-name</c>: names clients may use; the first is the metrics' <c>model_name</c>. Empty → <see cref="Model"/>.</summary>
    public IReadOnlyList<string> ServedModelNames { get; init; } = [];

    /// <summary><c>--api-key</c> (or <c>VLLM_API_KEY</c>): when non-empty, <c>/v1</c> routes require <c>Authorization: Bearer</c> one of these.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>
    /// <c>--enable-admin</c>: maps fake-llm's own <c>GET/POST /admin/config</c> (runtime faults and latency). Off by
    /// default: with it off the routes do not exist (404), so nobody on the machine can inject faults unasked.
    /// </summary>
    public bool EnableAdmin { get; init; }

    /// <summary>
    /// <c>--admin-key</c>: keys for <c>/admin/*</c>. Empty → the <see cref="ApiKeys"/> guard <c>/admin/*</c> too; both
    /// empty → <c>/admin/*</c> is open (a warning is logged at start).
    /// </summary>
    public IReadOnlyList<string> AdminKeys { get; init; } = [];

    /// <summary><c>--max-num-seqs</c>: sequences running at once; more wait.</summary>
    public int MaxNumSeqs { get; init; } = 256;

    /// <summary><c>--max-model-len</c>: prompt plus completion limit, in tokens.</summary>
    public int MaxModelLen { get; init; } = 8192;

    /// <summary>Requests allowed to wait before new ones get 429.</summary>
    public int MaxWaitingRequests { get; init; } = 1000;

    /// <summary>Request bodies larger than this get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Time after start before <c>/health</c> answers 200 (model load).</summary>
    public TimeSpan StartupDuration { get; init; } = TimeSpan.Zero;

    /// <summary>The version <c>/version</c> reports.</summary>
    public string VllmVersion { get; init; } = "0.11.0";

    /// <summary>Expose metrics that vLLM deprecated but older consumers read (<c>vllm:gpu_cache_usage_perc</c>, …), as with <c>--show-hidden-metrics-for-version</c>.</summary>
    public bool ShowHiddenMetrics { get; init; } = true;

    /// <summary>Write a uvicorn-style access line per request to the log.</summary>
    public bool AccessLog { get; init; } = true;

    public LoraOptions Lora { get; init; } = new();

    public KvCacheOptions KvCache { get; init; } = new();

    public GenerationOptions Generation { get; init; } = new();

    public LatencyOptions Latency { get; init; } = LatencyOptions.None;

    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Clock for latency and metrics; the real server uses the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The names clients may address the base model by.</summary>
    public IReadOnlyList<string> EffectiveServedModelNames => ServedModelNames.Count > 0 ? ServedModelNames : [Model];

    /// <summary>KV-cache blocks: the explicit count, else the latency profile's suggestion, else room for 64 full-length sequences.</summary>
    public int EffectiveGpuBlocks => KvCache.NumGpuBlocks ?? Latency.SuggestedGpuBlocks ?? KvCache.EffectiveBlocks(MaxModelLen);

    /// <summary>Every problem with these options, each naming the option and what to do; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"port {Port} is out of range: use 0 (any free port) to 65535.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("model is empty: set --model to the model name clients will use.");
        }

        if (EffectiveServedModelNames.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("served-model-name contains an empty name.");
        }

        if (ApiKeys.Any(string.IsNullOrEmpty))
        {
            errors.Add("api-key is empty: give a non-empty key or leave the option out.");
        }

        if (AdminKeys.Any(string.IsNullOrEmpty))
        {
            errors.Add("admin-key is empty: give a non-empty key or leave the option out.");
        }

        if (AdminKeys.Count > 0 && !EnableAdmin)
        {
            errors.Add("admin-key is set but the admin API is off: add --enable-admin (config: enableAdmin: true).");
        }

        if (MaxNumSeqs < 1)
        {
            errors.Add($"max-num-seqs must be at least 1, got {MaxNumSeqs}.");
        }

        if (MaxModelLen < 1)
        {
            errors.Add($"max-model-len must be at least 1, got {MaxModelLen}.");
        }

        if (MaxWaitingRequests < 0)
        {
            errors.Add($"max-waiting-requests must be 0 or more, got {MaxWaitingRequests}.");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            errors.Add($"max-request-body-bytes must be at least 1024, got {MaxRequestBodyBytes}.");
        }

        if (StartupDuration < TimeSpan.Zero)
        {
            errors.Add("startup-duration must not be negative.");
        }

        errors.AddRange(Lora.Validate(EnableLoraFallbackNames()));
        errors.AddRange(KvCache.Validate(MaxModelLen, EffectiveGpuBlocks));
        errors.AddRange(Generation.Validate());
        errors.AddRange(Latency.Validate());
        errors.AddRange(Faults.Validate());
        return errors;
    }

    private IReadOnlyList<string> EnableLoraFallbackNames() => EffectiveServedModelNames;
}
