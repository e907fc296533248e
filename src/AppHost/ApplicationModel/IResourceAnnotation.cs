namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>Marker for the small records that describe a resource's behaviour (wait-for, health, endpoints, env).</summary>
public interface IResourceAnnotation
{
}

/// <summary>Start this resource only after <see cref="Target"/> is healthy.</summary>
public sealed record WaitForAnnotation(IResource Target) : IResourceAnnotation;

/// <summary>
/// The resource is healthy when <see cref="Check"/> returns true; the orchestrator polls it until
/// <see cref="Timeout"/> and then fails naming <see cref="Name"/>.
/// </summary>
public sealed record HealthCheckAnnotation(string Name, Func<CancellationToken, Task<bool>> Check, TimeSpan Timeout) : IResourceAnnotation;

/// <summary>A URL where the resource can be reached (shown in the dashboard and the console).</summary>
public sealed record EndpointAnnotation(string Name, Func<Uri?> Url) : IResourceAnnotation;

/// <summary>A setting passed to the resource (redacted when shown).</summary>
public sealed record EnvironmentAnnotation(string Name, Func<string?> Value) : IResourceAnnotation;

/// <summary>Another resource this one reads from (e.g. Argo CD reads the cluster's kubeconfig).</summary>
public sealed record ReferenceAnnotation(IResource Target) : IResourceAnnotation;
