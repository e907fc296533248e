using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlatformValidation.AppHost.Orchestration;

namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>
/// A composed system: starts every resource in dependency order (waiting for health), runs the main job, and tears
/// everything down — in reverse order, each with its own timeout — however the job ends (success, failure,
/// exception, Ctrl-C or timeout).
/// </summary>
public sealed class PlatformApp : IAsyncDisposable
{
    private readonly PlatformAppOptions options;
    private bool stopped;

    internal PlatformApp(IHost host, IReadOnlyList<IResource> resources, PlatformAppOptions options)
    {
        Host = host;
        Resources = resources;
        this.options = options;
        ScratchDirectory = options.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "pv-run-" + Guid.NewGuid().ToString("N")[..12]);
        var logger = host.Services.GetService<ILoggerFactory>()?.CreateLogger("PlatformValidation.AppHost") ?? NullLogger.Instance;
        Orchestrator = new ResourceOrchestrator(resources, options, logger);
    }

    public IHost Host { get; }

    public IReadOnlyList<IResource> Resources { get; }

    public ResourceOrchestrator Orchestrator { get; }

    /// <summary>This run's scratch directory (kubeconfigs, repo snapshots, caches).</summary>
    public string ScratchDirectory { get; }

    public T Resource<T>(string name)
        where T : IResource =>
        Resources.OfType<T>().FirstOrDefault(r => r.Name == name)
        ?? throw new InvalidOperationException($"No resource '{name}' of type {typeof(T).Name} in the system.");

    /// <summary>Starts the host and every resource; throws <see cref="OrchestrationException"/> naming the resource that failed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(ScratchDirectory);
        await Host.StartAsync(cancellationToken);
        await Orchestrator.StartAllAsync(ScratchDirectory, cancellationToken);
    }

    /// <summary>Stops every started resource (reverse order), the host, and removes the scratch directory. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await Orchestrator.StopAllAsync();
        using (var cts = new CancellationTokenSource(options.StopTimeout))
        {
            try
            {
                await Host.StopAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // The host's own services had their chance; the process is ending anyway.
            }
        }

        if (!options.KeepScratchDirectory)
        {
            TryDelete(ScratchDirectory);
        }
    }

    /// <summary>Starts, runs <paramref name="main"/>, and always stops.</summary>
    public async Task<T> RunAsync<T>(Func<PlatformApp, CancellationToken, Task<T>> main, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        try
        {
            await StartAsync(cancellationToken);
            return await main(this, cancellationToken);
        }
        finally
        {
            await StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }

    private static void TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
