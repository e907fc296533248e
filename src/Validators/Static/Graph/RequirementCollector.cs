using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>Accumulates the requirements of one consumer object.</summary>
internal sealed class RequirementCollector
{
    public RequirementCollector(ManifestObject consumer, string? effectiveNamespace)
    {
        Consumer = consumer;
        Namespace = effectiveNamespace;
    }

    public ManifestObject Consumer { get; }

    /// <summary>The consumer's namespace after defaulting (null when cluster-scoped).</summary>
    public string? Namespace { get; }

    public List<Requirement> Items { get; } = [];

    public void Object(string group, string kind, string? ns, string? name, string pointer, string via, RequirementStrength strength, IReadOnlyList<ObjectKey>? alternatives = null)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(kind))
        {
            return;
        }

        Items.Add(new Requirement(RequirementTarget.Object, group, kind, ns, name, Consumer, pointer, via, strength) { Alternatives = alternatives });
    }

    /// <summary>A namespaced object in <paramref name="ns"/> (or the consumer's namespace when null).</summary>
    public void Local(string group, string kind, string? name, string pointer, string via, RequirementStrength strength, string? ns = null)
    {
        var target = ns ?? Namespace;
        if (target is not null)
        {
            Object(group, kind, target, name, pointer, via, strength);
        }
    }

    public void Cluster(string group, string kind, string? name, string pointer, string via, RequirementStrength strength) =>
        Object(group, kind, null, name, pointer, via, strength);

    public void Crd(string group, string kind, string pointer, string via) =>
        Items.Add(new Requirement(RequirementTarget.CustomResourceDefinition, group, kind, null, string.Empty, Consumer, pointer, via, RequirementStrength.Hard));

    public void Pods(string ns, IReadOnlyDictionary<string, string> selector, string pointer, string via, RequirementStrength strength)
    {
        if (selector.Count == 0)
        {
            return;
        }

        Items.Add(new Requirement(RequirementTarget.Pods, string.Empty, "Pod", ns, string.Empty, Consumer, pointer, via, strength) { Selector = selector });
    }
}
