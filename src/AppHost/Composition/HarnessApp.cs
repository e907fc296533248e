using Microsoft.Extensions.DependencyInjection;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Composition;

/// <summary>
/// A composed AppHost: the Aspire <see cref="DistributedApplication"/> (DCP, and the Aspire Dashboard unless headless)
/// with the harness's resources. <see cref="StartAsync"/> starts it and waits until every resource is healthy, each
/// under its named startup timeout; <see cref="StopAsync"/> tears it down in reverse start order, then DCP, and removes
/// the run's scratch directory — however the main job ends (success, failure, exception, Ctrl-C or timeout).
/// </summary>
public sealed class HarnessApp : IAsyncDisposable
{
    private readonly HarnessLifecycle lifecycle;
    private readonly bool keepScratchDirectory;
    private bool stopped;
    private bool started;

    public HarnessApp(DistributedApplication application, bool keepScratchDirectory = false, Uri? dashboardLoginUrl = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        Application = application;
        lifecycle = application.Services.GetRequiredService<HarnessLifecycle>();
        this.keepScratchDirectory = keepScratchDirectory;
        DashboardLoginUrl = dashboardLoginUrl;
    }

    public DistributedApplication Application { get; }

    public IServiceProvider Services => Application.Services;

    /// <summary>Every resource of the model (the harness's and Aspire's own).</summary>
    public IReadOnlyList<IResource> Resources => [.. Services.GetRequiredService<DistributedApplicationModel>().Resources];

    /// <summary>This run's scratch directory (kubeconfigs, repo snapshots, caches).</summary>
    public string ScratchDirectory => lifecycle.ScratchDirectory;

    /// <summary>The Aspire Dashboard's login URL (null when headless).</summary>
    public Uri? DashboardLoginUrl { get; }

    public T Resource<T>(string name)
        where T : IResource =>
        Resources.OfType<T>().FirstOrDefault(r => r.Name == name)
        ?? throw new InvalidOperationException($"No resource '{name}' of type {typeof(T).Name} in the AppHost.");

    /// <summary>Starts DCP and every resource, and waits for each to be healthy; throws <see cref="HarnessStartException"/> naming the resource that was not.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // The dashboard is a process DCP starts; one that cannot bind its port exits without failing Aspire's start,
        // and the printed login URL would then open whatever holds the port (upstream: dotnet/aspire
        // src/Aspire.Hosting/Dashboard/DashboardEventHandlers.cs runs it as an executable resource).
        if (DcpPathProblem() is { } dcp)
        {
            throw new HarnessStartException(dcp);
        }

        if (DashboardLoginUrl is { } login && !PortIsFree(login.Port))
        {
            throw new HarnessStartException($"the Aspire Dashboard cannot listen on 127.0.0.1:{login.Port}: the port is in use — free it, or run headless with --dashboard off.");
        }

        Directory.CreateDirectory(ScratchDirectory);
        started = true;
        try
        {
            await Application.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw HarnessStartException.FromAspire(e);
        }

        var notifications = Services.GetRequiredService<ResourceNotificationService>();
        var waits = Resources.OfType<HarnessResource>().Select(r => WaitHealthyAsync(notifications, r, cancellationToken)).ToList();
        while (waits.Count > 0)
        {
            var done = await Task.WhenAny(waits);
            waits.Remove(done);
            await done;
        }
    }

    private static async Task WaitHealthyAsync(ResourceNotificationService notifications, HarnessResource resource, CancellationToken cancellationToken)
    {
        // A resource's clock starts once what it waits for is healthy: wait for those first (they have their own timeouts).
        if (resource.TryGetAnnotationsOfType<WaitAnnotation>(out _))
        {
            await notifications.WaitForResourceAsync(resource.Name, e => e.Snapshot.State?.Text != KnownResourceStates.Waiting && e.Snapshot.State?.Text != KnownResourceStates.NotStarted, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(resource.StartupTimeout);
        ResourceEvent last;
        try
        {
            last = await notifications.WaitForResourceAsync(
                resource.Name,
                e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart || resource.TimeToHealthy is not null,
                timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            notifications.TryGetCurrentState(resource.Name, out var current);
            var report = current?.Snapshot.HealthReports.FirstOrDefault(h => h.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
            var check = report is null ? string.Empty : $" (health check '{report.Name[(report.Name.IndexOf(": ", StringComparison.Ordinal) + 2)..]}'{(report.Description is { Length: > 0 } d ? ": " + d : string.Empty)})";
            throw new HarnessStartException($"Resource '{resource.Name}' did not become healthy within {resource.StartupTimeout.TotalSeconds:0} s{SecretRedactor.Shared.Redact(check)}; its log on the dashboard (or in the HTML report) says where it stopped.");
        }

        if (last.Snapshot.State?.Text == KnownResourceStates.FailedToStart)
        {
            throw new HarnessStartException($"Resource '{resource.Name}' failed to start: {resource.Error ?? "see its log"}");
        }
    }

    /// <summary>Stops every started resource (reverse order), DCP and the dashboard, and removes the scratch directory. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await lifecycle.StopAllAsync(started ? Services.GetService<ResourceNotificationService>() : null);
        if (started)
        {
            using var cts = new CancellationTokenSource(lifecycle.StopTimeout);
            try
            {
                await Application.StopAsync(cts.Token);
            }
#pragma warning disable CA1031 // DCP had its chance; the process is ending and DCP's monitor removes what is left
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            // DCP takes a few seconds to exit after SIGTERM; the scratch directory (repo snapshots, kubeconfigs) is
            // removed meanwhile — DCP never uses it — instead of after it (issue 18's start-up/teardown budget).
            var dcp = Task.Run(() => DcpShutdown.StopAsync(TimeSpan.FromSeconds(10)));
            if (!keepScratchDirectory)
            {
                await Task.Run(() => TryDelete(ScratchDirectory));
            }

            await dcp;
        }
        else if (!keepScratchDirectory)
        {
            TryDelete(ScratchDirectory);
        }
    }

    /// <summary>Starts, runs <paramref name="main"/>, and always stops.</summary>
    public async Task<T> RunAsync<T>(Func<HarnessApp, CancellationToken, Task<T>> main, CancellationToken cancellationToken = default)
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
        try
        {
            await Application.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed by its own stop.
        }
    }

    /// <summary>
    /// Aspire takes DCP from <c>DcpPublisher:CliPath</c>, else from the AppHost's <c>dcpclipath</c> assembly metadata
    /// (upstream: dotnet/aspire src/Aspire.Hosting/Dcp/DcpOptions.cs); a missing file would fail deep inside its start.
    /// </summary>
    private string? DcpPathProblem()
    {
        var configured = Services.GetService<Microsoft.Extensions.Configuration.IConfiguration>()?["DcpPublisher:CliPath"];
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? null
                : $"Aspire's orchestrator (DCP) was not found at {configured} (set by DcpPublisher:CliPath) — point it at an existing dcp binary, or unset it to use the one restored with the AppHost (dotnet build src/AppHost).";
        }

        var metadata = typeof(HarnessHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => string.Equals(a.Key, "dcpclipath", StringComparison.OrdinalIgnoreCase))?.Value;
        return string.IsNullOrEmpty(metadata) || File.Exists(metadata)
            ? null
            : $"Aspire's orchestrator (DCP) was not found at {metadata} — restore the AppHost (dotnet build src/AppHost) so that the Aspire.Hosting.Orchestration package provides it.";
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
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
