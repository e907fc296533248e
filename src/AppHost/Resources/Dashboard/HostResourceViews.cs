using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.AppHost.Resources.Dashboard;

/// <summary>Turns the AppHost's resources into what the dashboard and the HTML report show of them.</summary>
public static class HostResourceViews
{
    public static IReadOnlyList<HostResourceView> From(IEnumerable<IResource> resources, int logLines = 200)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return [.. resources.Select(r => From(r, logLines))];
    }

    public static HostResourceView From(IResource resource, int logLines = 200)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var r = resource as Resource;
        var state = r?.State ?? ResourceState.NotStarted;
        var log = r?.Log.Snapshot() ?? [];
        var type = resource.GetType().Name;
        return new HostResourceView(resource.Name, type.EndsWith("Resource", StringComparison.Ordinal) && type.Length > "Resource".Length ? type[..^"Resource".Length] : type, state.ToString())
        {
            Health = Health(state),
            HealthChecks = [.. resource.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Name)],
            Error = r?.Error,
            Endpoints = [.. resource.Annotations.OfType<EndpointAnnotation>().Select(e => new HostEndpoint(e.Name, SafeUrl(e)))],
            DependsOn = [.. resource.Annotations.OfType<WaitForAnnotation>().Select(w => w.Target.Name).Distinct(StringComparer.Ordinal)],
            TimeToHealthy = r?.TimeToHealthy,
            Log = log.Count > logLines ? [.. log.Skip(log.Count - logLines)] : log,
        };
    }

    /// <summary>The orchestrator marks a resource Running only once its health checks pass.</summary>
    private static string Health(ResourceState state) => state switch
    {
        ResourceState.Running or ResourceState.Finished => "healthy",
        ResourceState.FailedToStart => "unhealthy",
        ResourceState.Starting or ResourceState.Waiting => "starting",
        ResourceState.Stopping or ResourceState.Stopped => "stopped",
        _ => "not started",
    };

    private static string? SafeUrl(EndpointAnnotation e)
    {
        try
        {
            return e.Url()?.ToString();
        }
#pragma warning disable CA1031 // an endpoint that cannot say where it is yet is shown as "not yet"
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
