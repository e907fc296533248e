using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Engine;
using PlatformValidation.Hosting;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>
/// An in-process simulated vLLM server on Kestrel. <c>await using var llm = await FakeLlmServer.StartAsync(options);</c>
/// then talk to <see cref="Uri"/>; change latency and faults at runtime through <see cref="Control"/>; read
/// <see cref="IsReady"/>/<see cref="IsHealthy"/> for a pod's Ready condition and <see cref="Log"/> for its logs.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeLlmServer(WebApplication app, LlmEngine engine, Uri uri)
    {
        this.app = app;
        Engine = engine;
        Uri = uri;
        Control = new FakeLlmControl(engine);
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The engine behind the server (metrics, scheduler state).</summary>
    public LlmEngine Engine { get; }

    public FakeLlmControl Control { get; }

    public FakeLlmLog Log => Engine.Log;

    public FakeLlmOptions Options => Engine.Options;

    /// <summary>The start-up duration has passed (a pod would turn Ready).</summary>
    public bool IsReady => Engine.IsReady;

    /// <summary>Ready and not failed by a fault: <c>/health</c> answers 200.</summary>
    public bool IsHealthy => Engine.IsHealthy;

    /// <summary>Validates the options, binds Kestrel and starts serving. Throws <see cref="FakeLlmConfigException"/> for bad options.</summary>
    public static async Task<FakeLlmServer> StartAsync(FakeLlmOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new FakeLlmConfigException(errors);
        }

        var builder = LoopbackKestrel.CreateBuilder(Address(options.Host), options.Port, configure: kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
        });
        var log = new FakeLlmLog(options.TimeProvider);
        var engine = new LlmEngine(options, log);
        var app = builder.Build();
        app.MapFakeLlm(engine);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            engine.Dispose();
            await app.DisposeAsync();
            throw;
        }

        var address = LoopbackKestrel.BoundAddress(app);
        var uri = new Uri(LoopbackKestrel.BoundUri(app).ToString().TrimEnd('/') + "/");
        log.Info($"Started fake vLLM server for model {options.EffectiveServedModelNames[0]} on {address} (max-num-seqs {options.MaxNumSeqs}, max-model-len {options.MaxModelLen}, latency profile {options.Latency.Profile ?? (options.Latency.IsOff ? "none" : "custom")}, API key {(options.ApiKeys.Count > 0 ? "required" : "not required")}).");
        if (options.EnableAdmin)
        {
            log.Warning(options.AdminKeys.Count > 0 || options.ApiKeys.Count > 0
                ? "The admin API (/admin/config: faults, latency, health) is enabled and needs a key."
                : "The admin API (/admin/config: faults, latency, health) is enabled WITHOUT a key: anyone who can reach this port can inject faults. Set --admin-key or --api-key.");
        }

        if (options.Lora.AllowRuntimeUpdating)
        {
            log.Warning("LoRA dynamic loading & unloading is enabled in the API server. This should ONLY be used for local development!");
        }

        if (options.StartupDuration > TimeSpan.Zero)
        {
            log.Info($"Simulating model load: /health answers 503 for {options.StartupDuration.TotalSeconds:0.###} s.");
        }

        return new FakeLlmServer(app, engine, uri);
    }

    /// <summary>Waits until the start-up duration has passed.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var left = Engine.UntilReady;
        if (left > timeout)
        {
            throw new TimeoutException($"The fake LLM server at {Uri} will not be ready within {timeout.TotalSeconds:0.#} s (start-up duration {Options.StartupDuration.TotalSeconds:0.#} s).");
        }

        // A timer can fire a little before the wall clock it is compared with has moved on (timers run on a
        // monotonic clock, readiness on UTC time), so wait until readiness itself holds.
        while (!Engine.IsReady)
        {
            var wait = Engine.UntilReady;
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), Engine.Time, cancellationToken);
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Streams still open (e.g. stalled by a fault) are cut.
        }

        await app.DisposeAsync();
        Engine.Dispose();
    }

    private static IPAddress Address(string host) =>
        host switch
        {
            "localhost" => IPAddress.Loopback,
            "0.0.0.0" or "*" or "" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out var ip) ? ip : throw new FakeLlmConfigException([$"host '{host}' is not an IP address: use 127.0.0.1, 0.0.0.0 or another address of this machine."]),
        };
}
