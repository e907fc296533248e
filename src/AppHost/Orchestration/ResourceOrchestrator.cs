using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Telemetry;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Orchestration;

/// <summary>
/// Starts resources in dependency order (<see cref="WaitForAnnotation"/>), waits for each one's health checks under
/// their named timeouts, and stops the started ones in reverse order. Startup failures stop what was started.
/// </summary>
public sealed class ResourceOrchestrator
{
    private readonly IReadOnlyList<IResource> resources;
    private readonly PlatformAppOptions options;
    private readonly ILogger logger;
    private readonly List<IResourceWithLifecycle> started = [];
    private readonly Lock gate = new();

    public ResourceOrchestrator(IReadOnlyList<IResource> resources, PlatformAppOptions options, ILogger logger)
    {
        this.resources = resources;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The resources in the order they start (dependencies first); throws on a cycle.</summary>
    public IReadOnlyList<IResource> StartOrder()
    {
        var order = new List<IResource>();
        var state = new Dictionary<IResource, int>();
        void Visit(IResource r, Stack<string> path)
        {
            if (state.TryGetValue(r, out var s))
            {
                if (s == 1)
                {
                    throw new OrchestrationException($"Resources wait for each other in a cycle: {string.Join(" → ", path.Reverse())} → {r.Name}; remove one WaitFor.");
                }

                return;
            }

            state[r] = 1;
            path.Push(r.Name);
            foreach (var dep in r.Annotations.OfType<WaitForAnnotation>().Select(w => w.Target).Distinct())
            {
                Visit(dep, path);
            }

            path.Pop();
            state[r] = 2;
            order.Add(r);
        }

        foreach (var r in resources)
        {
            Visit(r, new Stack<string>());
        }

        return order;
    }

    public async Task StartAllAsync(string scratchDirectory, CancellationToken cancellationToken = default)
    {
        foreach (var resource in StartOrder())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = resource as Resource;
            using var activity = PvTelemetry.Activities.StartActivity("start " + resource.Name);
            var sw = Stopwatch.StartNew();
            try
            {
                if (resource is IResourceWithLifecycle lifecycle)
                {
                    r?.SetState(ResourceState.Starting);
                    lock (gate)
                    {
                        started.Add(lifecycle);
                    }

                    var dir = Path.Combine(scratchDirectory, resource.Name);
                    Directory.CreateDirectory(dir);
                    await lifecycle.StartAsync(new ResourceStartContext(dir, logger), cancellationToken);
                }

                await WaitHealthyAsync(resource, cancellationToken);
                if (r is not null)
                {
                    r.TimeToHealthy = sw.Elapsed;
                    r.SetState(ResourceState.Running);
                }

                PvTelemetry.ResourceStartup.Record(sw.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("resource", resource.Name));
                logger.LogInformation("Resource {Resource} is healthy after {Seconds:0.0} s", resource.Name, sw.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var message = SecretRedactor.Shared.Redact(e.Message);
                r?.SetState(ResourceState.FailedToStart, message);
                activity?.SetStatus(ActivityStatusCode.Error, message);
                throw e is OrchestrationException ? e : new OrchestrationException($"Resource '{resource.Name}' failed to start: {message}", e);
            }
        }
    }

    private async Task WaitHealthyAsync(IResource resource, CancellationToken cancellationToken)
    {
        foreach (var check in resource.Annotations.OfType<HealthCheckAnnotation>())
        {
            var sw = Stopwatch.StartNew();
            Exception? last = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (await check.Check(cancellationToken))
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    last = e;
                }

                if (sw.Elapsed >= check.Timeout)
                {
                    throw new OrchestrationException($"Resource '{resource.Name}' did not become healthy within {check.Timeout.TotalSeconds:0} s (health check '{check.Name}'{(last is null ? string.Empty : ": " + SecretRedactor.Shared.Redact(last.Message))}).");
                }

                await Task.Delay(options.HealthPollInterval, cancellationToken);
            }
        }
    }

    /// <summary>Stops every started resource, newest first, each within the stop timeout; never throws.</summary>
    public async Task StopAllAsync()
    {
        List<IResourceWithLifecycle> toStop;
        lock (gate)
        {
            toStop = started.AsEnumerable().Reverse().ToList();
            started.Clear();
        }

        foreach (var resource in toStop)
        {
            var r = resource as Resource;
            r?.SetState(ResourceState.Stopping);
            using var cts = new CancellationTokenSource(options.StopTimeout);
            try
            {
                await resource.StopAsync(cts.Token);
                r?.SetState(ResourceState.Stopped);
            }
#pragma warning disable CA1031 // teardown goes on whatever one resource does
            catch (Exception e)
#pragma warning restore CA1031
            {
                r?.SetState(ResourceState.Stopped, $"stop failed: {e.Message}");
                logger.LogWarning("Stopping resource {Resource} failed: {Message}", resource.Name, SecretRedactor.Shared.Redact(e.Message));
            }
        }
    }
}
