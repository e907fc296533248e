using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using System.Diagnostics;
using PlatformValidation.AppHost.Telemetry;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Resources.Lifecycle;

/// <summary>
/// Starts the AppHost's in-process resources the way Aspire starts its own: on <see cref="InitializeResourceEvent"/>
/// (raised for every resource while DCP comes up, so resources that wait for nothing start in parallel with it), after
/// <see cref="ResourceNotificationService.WaitForDependenciesAsync"/> (each <c>WaitFor</c> is healthy). States go out
/// through <see cref="ResourceNotificationService"/> (Waiting → Starting → Running, or FailedToStart with the reason),
/// logs through <see cref="ResourceLoggerService"/>, health through the resource's registered <c>IHealthCheck</c>s.
/// Started resources are stopped newest first by <see cref="StopAllAsync"/>, each within its stop timeout.
/// </summary>
public sealed class HarnessLifecycle
{
    private readonly Lock gate = new();
    private readonly List<HarnessResource> started = [];

    public HarnessLifecycle(string scratchDirectory)
    {
        ScratchDirectory = scratchDirectory;
    }

    /// <summary>This run's scratch directory (a subdirectory per resource).</summary>
    public string ScratchDirectory { get; }

    /// <summary>How long each resource may take to stop.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Makes <paramref name="builder"/>'s resource start through this lifecycle.</summary>
    public IResourceBuilder<T> Manage<T>(IResourceBuilder<T> builder)
        where T : HarnessResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = builder.Resource;
        builder.WithInitialState(new CustomResourceSnapshot
        {
            ResourceType = resource.ResourceType,
            State = KnownResourceStates.NotStarted,
            Properties = [],
        });
        builder.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(resource, (e, token) =>
        {
            // Run in the background: Aspire raises the event for every resource and waits for the handlers.
            _ = Task.Run(() => StartAsync(resource, e, token), CancellationToken.None);
            return Task.CompletedTask;
        });
        return builder;
    }

    private async Task StartAsync(HarnessResource resource, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        var notifications = e.Notifications;
        resource.Notifications = notifications;
        resource.Log.Attach(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource));
        try
        {
            if (resource.TryGetAnnotationsOfType<WaitAnnotation>(out _))
            {
                await PublishAsync(notifications, resource, KnownResourceStates.Waiting, KnownResourceStateStyles.Info);
                await notifications.WaitForDependenciesAsync(resource, cancellationToken);
            }

            await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(resource, e.Services), cancellationToken);
            lock (gate)
            {
                started.Add(resource);
            }

            await PublishAsync(notifications, resource, KnownResourceStates.Starting, KnownResourceStateStyles.Info);
            var sw = Stopwatch.StartNew();
            using var activity = PvTelemetry.Activities.StartActivity("start " + resource.Name);
            var dir = Path.Combine(ScratchDirectory, resource.Name);
            Directory.CreateDirectory(dir);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(resource.StartupTimeout);
                try
                {
                    await resource.StartAsync(new ResourceStartContext(dir, e.Logger), timeout.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"it did not start within {resource.StartupTimeout.TotalSeconds:0} s");
                }
            }

            resource.State = KnownResourceStates.Running;
            // Its own URLs, and those added as Aspire annotations (WithUrl: a link with a display text).
            var urls = resource.Urls().Select(u => new UrlSnapshot(u.Name, u.Url.ToString(), IsInternal: false))
                .Concat(resource.Annotations.OfType<ResourceUrlAnnotation>().Select(a => new UrlSnapshot(a.Endpoint?.EndpointName, a.Url, a.DisplayLocation == UrlDisplayLocation.DetailsOnly)
                {
                    DisplayProperties = new UrlDisplayPropertiesSnapshot(a.DisplayText ?? string.Empty),
                }))
                .ToImmutableArray();
            await notifications.PublishUpdateAsync(resource, s => s with
            {
                State = new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success),
                StartTimeStamp = DateTime.UtcNow,
                Urls = urls.Length > 0 ? urls : s.Urls,
            });
            await notifications.WaitForResourceHealthyAsync(resource.Name, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
            resource.TimeToHealthy = sw.Elapsed;
            await notifications.PublishUpdateAsync(resource, s => s with
            {
                Properties = [.. s.Properties.Where(p => p.Name != "pv.time-to-healthy"), new ResourcePropertySnapshot("pv.time-to-healthy", $"{sw.Elapsed.TotalSeconds:0.0} s") { DisplayName = "Time to healthy" }],
            });
            PvTelemetry.ResourceStartup.Record(sw.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("resource", resource.Name));
            resource.Log.Write($"healthy after {sw.Elapsed.TotalSeconds:0.0} s");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The AppHost is stopping before the resource was up.
        }
#pragma warning disable CA1031 // any failure to start is the resource's state, shown on the dashboard and named by the CLI
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var message = SecretRedactor.Shared.Redact(ex.Message);
            resource.Error = message;
            resource.Log.Write("failed to start: " + message);
            resource.State = KnownResourceStates.FailedToStart;
            await notifications.PublishUpdateAsync(resource, s => s with
            {
                State = new ResourceStateSnapshot(KnownResourceStates.FailedToStart, KnownResourceStateStyles.Error),
                StopTimeStamp = DateTime.UtcNow,
            });
        }
    }

    /// <summary>Stops every started resource, newest first, each within <see cref="StopTimeout"/>; never throws.</summary>
    public async Task StopAllAsync(ResourceNotificationService? notifications)
    {
        List<HarnessResource> toStop;
        lock (gate)
        {
            toStop = [.. started.AsEnumerable().Reverse()];
            started.Clear();
        }

        foreach (var resource in toStop)
        {
            if (notifications is not null)
            {
                await PublishAsync(notifications, resource, KnownResourceStates.Stopping, KnownResourceStateStyles.Info);
            }

            using var cts = new CancellationTokenSource(StopTimeout);
            try
            {
                await resource.StopAsync(cts.Token);
                resource.Log.Write("stopped");
            }
#pragma warning disable CA1031 // teardown goes on with the next resource whatever this one threw
            catch (Exception e)
#pragma warning restore CA1031
            {
                resource.Log.Write("stop failed: " + SecretRedactor.Shared.Redact(e.Message));
            }

            resource.State = KnownResourceStates.Finished;
            if (notifications is not null)
            {
                await notifications.PublishUpdateAsync(resource, s => s with
                {
                    State = new ResourceStateSnapshot(KnownResourceStates.Finished, KnownResourceStateStyles.Info),
                    StopTimeStamp = DateTime.UtcNow,
                });
            }
        }
    }

    private static Task PublishAsync(ResourceNotificationService notifications, HarnessResource resource, string state, string style)
    {
        resource.State = state;
        return notifications.PublishUpdateAsync(resource, s => s with { State = new ResourceStateSnapshot(state, style) });
    }
}
