using Microsoft.Extensions.Hosting;

namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>
/// Composes the system the way an Aspire AppHost does — <c>builder.AddX("name").WithY().WaitFor(z)</c> — on
/// Microsoft.Extensions.Hosting. Thin on purpose, so it can be swapped for Aspire.Hosting where that package can
/// be restored.
/// </summary>
public sealed class PlatformAppBuilder
{
    private readonly List<IResource> resources = [];

    private PlatformAppBuilder(PlatformAppOptions options)
    {
        Options = options;
        Host = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    }

    /// <summary>Services, configuration and logging of the host.</summary>
    public HostApplicationBuilder Host { get; }

    public PlatformAppOptions Options { get; }

    public IReadOnlyList<IResource> Resources => resources;

    public static PlatformAppBuilder Create(PlatformAppOptions? options = null) => new(options ?? new PlatformAppOptions());

    /// <summary>Adds a resource; names are unique.</summary>
    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already part of the system; give each resource its own name.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>The builder of a resource already added (to add <c>WaitFor</c> on it by interface).</summary>
    public IResourceBuilder<IResource> Resource(IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resources.Contains(resource)
            ? new ResourceBuilder<IResource>(this, resource)
            : throw new InvalidOperationException($"Resource '{resource.Name}' is not part of this system.");
    }

    public PlatformApp Build() => new(Host.Build(), resources.ToList(), Options);
}
