using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Generation;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Latency;
using PlatformValidation.Fakes.Llm.Lora;
using PlatformValidation.Fakes.Llm.Metrics;

namespace PlatformValidation.Fakes.Llm.Engine;

/// <summary>
/// The state of one simulated vLLM engine: its configuration (latency and faults changeable at runtime), tokenizer,
/// scheduler, prefix cache, LoRA adapters, metrics and log. Endpoints read it; nothing here knows about HTTP.
/// </summary>
public sealed class LlmEngine : IDisposable
{
    private readonly Random serverRandom;
    private readonly Random faultRandom;
    private readonly ITimer stepTimer;
    private readonly DateTimeOffset startedAt;
    private LatencyOptions latency;
    private FaultOptions faults;
    private long pendingIterationTokens;

    public LlmEngine(FakeLlmOptions options, FakeLlmLog log)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Log = log;
        Time = options.TimeProvider;
        startedAt = Time.GetUtcNow();
        latency = options.Latency;
        faults = options.Faults;
        serverRandom = options.Generation.Seed is { } seed ? new Random(seed) : new Random();
        faultRandom = options.Faults.Seed is { } fseed ? new Random(fseed) : new Random();
        Sampler = new LatencySampler(options.Generation.Seed is { } s ? new Random(s ^ 0x5eed) : new Random());
        var blocks = options.EffectiveGpuBlocks;
        Scheduler = new EngineScheduler(options.MaxNumSeqs, options.MaxWaitingRequests, blocks, options.KvCache.BlockSize);
        PrefixCache = options.KvCache.EnablePrefixCaching ? new PrefixCache(options.KvCache.BlockSize, blocks) : null;
        ServedModelNames = options.EffectiveServedModelNames;
        Lora = new LoraRegistry(options.Lora.Modules, ServedModelNames[0], Time, options.Lora.Capacity, new LoraPathPolicy(options.Lora.Root));
        Registry = new MetricRegistry(Time);
        Metrics = new VllmMetrics(
            Registry,
            new VllmMetricsSettings(ServedModelNames[0], options.MaxModelLen, options.Lora.Enabled, options.Lora.MaxLoras, options.ShowHiddenMetrics, options.KvCache.MetricsInfo(blocks)));
        Scheduler.Changed += (running, waiting, usage) => Metrics.SetQueue(running, waiting, usage);
        Scheduler.PreemptedGroup += _ => Metrics.Preemptions.Inc();
        Lora.Changed += RefreshLoraInfo;
        Registry.OnCollect(RefreshLoraInfo);
        Registry.OnCollect(FlushIterationTokens);
        var step = latency.InterTokenLatency > TimeSpan.FromMilliseconds(5) ? latency.InterTokenLatency : TimeSpan.FromMilliseconds(10);
        stepTimer = Time.CreateTimer(_ => FlushIterationTokens(), null, step, step);
    }

    public FakeLlmOptions Options { get; }

    public FakeLlmLog Log { get; }

    public TimeProvider Time { get; }

    public Tokenizer Tokenizer { get; } = Tokenizer.Shared;

    public LatencySampler Sampler { get; }

    public EngineScheduler Scheduler { get; }

    public PrefixCache? PrefixCache { get; }

    public LoraRegistry Lora { get; }

    public MetricRegistry Registry { get; }

    public VllmMetrics Metrics { get; }

    public IReadOnlyList<string> ServedModelNames { get; }

    /// <summary>Current latency model (replaceable at runtime).</summary>
    public LatencyOptions Latency
    {
        get => Volatile.Read(ref latency);
        set => Volatile.Write(ref latency, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Current faults (replaceable at runtime).</summary>
    public FaultOptions Faults
    {
        get => Volatile.Read(ref faults);
        set => Volatile.Write(ref faults, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The start-up duration has passed.</summary>
    public bool IsReady => Time.GetUtcNow() - startedAt >= Options.StartupDuration;

    /// <summary>Ready and not made unhealthy by a fault: what <c>/health</c> answers 200 for.</summary>
    public bool IsHealthy => IsReady && !Faults.Unhealthy;

    public TimeSpan UntilReady
    {
        get
        {
            var left = Options.StartupDuration - (Time.GetUtcNow() - startedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public double RollFault()
    {
        lock (faultRandom)
        {
            return faultRandom.NextDouble();
        }
    }

    public Random ServerRandom => serverRandom;

    /// <summary>Resolves a request's model: the base model (any served name; empty → the first) or a LoRA adapter; 404 otherwise.</summary>
    public (string ResponseModel, LoadedLora? Lora) ResolveModel(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return (ServedModelNames[0], null);
        }

        if (ServedModelNames.Contains(requested, StringComparer.Ordinal))
        {
            // vLLM answers with its first served name whichever alias was used.
            return (ServedModelNames[0], null);
        }

        if (Options.Lora.Enabled && Lora.Find(requested) is { } lora)
        {
            return (lora.Name, lora);
        }

        throw ApiError.ModelNotFound(requested);
    }

    public void AddIterationTokens(int tokens) => Interlocked.Add(ref pendingIterationTokens, tokens);

    public void Dispose() => stepTimer.Dispose();

    private void FlushIterationTokens()
    {
        var tokens = Interlocked.Exchange(ref pendingIterationTokens, 0);
        if (tokens > 0)
        {
            Metrics.IterationTokens.Observe(tokens);
        }
    }

    private void RefreshLoraInfo()
    {
        if (Options.Lora.Enabled)
        {
            var (running, waiting) = Lora.Activity();
            Metrics.UpdateLoraInfo(running, waiting);
        }
    }
}
