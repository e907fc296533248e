namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>Adds behaviour to a resource while the system is composed (<c>With…</c>, <c>WaitFor</c>).</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    PlatformAppBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(PlatformAppBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public PlatformAppBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;
}
