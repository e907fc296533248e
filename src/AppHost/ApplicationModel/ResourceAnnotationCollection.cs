namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>A resource's annotations, in the order they were added (thread-safe).</summary>
public sealed class ResourceAnnotationCollection
{
    private readonly Lock gate = new();
    private readonly List<IResourceAnnotation> items = [];

    public void Add(IResourceAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        lock (gate)
        {
            items.Add(annotation);
        }
    }

    public IReadOnlyList<T> OfType<T>()
        where T : IResourceAnnotation
    {
        lock (gate)
        {
            return items.OfType<T>().ToList();
        }
    }
}
