using PlatformValidation.Fakes.ArgoCd.Diff;
using PlatformValidation.Fakes.ArgoCd.Hosting;
using PlatformValidation.Fakes.ArgoCd.Kube;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Rendering;
using PlatformValidation.Fakes.ArgoCd.Repos;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>The services every controller of the simulated Argo CD shares.</summary>
public sealed class ControllerContext
{
    private ArgoCdSettings settings = ArgoCdSettings.Empty;

    public required KubeHttp Api { get; init; }

    public required ApiDiscovery Discovery { get; init; }

    public required ClusterCache Cache { get; init; }

    public required KubeResourceOperations Operations { get; init; }

    public required RepositoryService Repositories { get; init; }

    public required ManifestGenerator Generator { get; init; }

    public required ArgoCdOptions Options { get; init; }

    /// <summary>Argo CD's own built-in Lua health scripts when <see cref="ArgoCdOptions.ResourceCustomizations"/> is set.</summary>
    public Health.ResourceCustomizationsDirectory? BuiltInHealthScripts { get; init; }

    public TimeProvider Time => Options.Time;

    public string Namespace => Options.Namespace;

    /// <summary>The current argocd-cm settings (swapped atomically when the ConfigMap changes).</summary>
    public ArgoCdSettings Settings
    {
        get => Volatile.Read(ref settings);
        set
        {
            var old = Interlocked.Exchange(ref settings, value);
            if (!ReferenceEquals(old, ArgoCdSettings.Empty))
            {
                old.Dispose();
            }
        }
    }

    public ResourceTracking Tracking => new(Settings.TrackingMethod, Settings.InstanceLabelKey, Namespace);
}
