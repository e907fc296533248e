namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>The generic <c>With…</c> methods every resource builder has.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Start this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        builder.Resource.Annotations.Add(new WaitForAnnotation(dependency.Resource));
        return builder;
    }

    /// <summary>Records that this resource reads from <paramref name="source"/> (and waits for it).</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.Annotations.Add(new ReferenceAnnotation(source.Resource));
        builder.Resource.Annotations.Add(new WaitForAnnotation(source.Resource));
        return builder;
    }

    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, string name, Func<CancellationToken, Task<bool>> check, TimeSpan timeout)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Add(new HealthCheckAnnotation(name, check, timeout));
        return builder;
    }

    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, Func<Uri?> url)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Add(new EndpointAnnotation(name, url));
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string?> value)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, value));
        return builder;
    }
}
