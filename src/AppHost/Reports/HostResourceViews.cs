using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.AppHost.Reports;

/// <summary>The AppHost's resources as the frozen HTML report shows them (state, health checks, URLs, waits, log).</summary>
public static class HostResourceViews
{
    public static IReadOnlyList<HostResourceView> From(IEnumerable<IResource> resources, int logLines = 200)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return [.. resources.OfType<HarnessResource>().Select(r => From(r, logLines))];
    }

    public static HostResourceView From(HarnessResource resource, int logLines = 200)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var log = resource.Log.Snapshot();
        return new HostResourceView(resource.Name, resource.ResourceType, resource.State)
        {
            Health = Health(resource),
            HealthChecks = resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out var checks) ? [.. checks.Select(h => h.Key[(h.Key.IndexOf(": ", StringComparison.Ordinal) + 2)..])] : [],
            Error = resource.Error,
            Endpoints = [.. resource.Urls().Select(u => new HostEndpoint(u.Name, u.Url.ToString()))],
            DependsOn = resource.TryGetAnnotationsOfType<WaitAnnotation>(out var waits) ? [.. waits.Select(w => w.Resource.Name).Distinct(StringComparer.Ordinal)] : [],
            TimeToHealthy = resource.TimeToHealthy,
            Log = log.Count > logLines ? [.. log.Skip(log.Count - logLines)] : log,
        };
    }

    /// <summary>A resource is healthy once its health checks passed (the lifecycle then records its time to healthy).</summary>
    private static string Health(HarnessResource resource) => resource.State switch
    {
        _ when resource.Error is not null => "unhealthy",
        _ when resource.TimeToHealthy is not null && resource.State != KnownResourceStates.Finished => "healthy",
        var s when s == KnownResourceStates.Finished => resource.TimeToHealthy is null ? "stopped" : "healthy",
        var s when s == KnownResourceStates.Starting || s == KnownResourceStates.Waiting || s == KnownResourceStates.Running => "starting",
        _ => "not started",
    };
}
