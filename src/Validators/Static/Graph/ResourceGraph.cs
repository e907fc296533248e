using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// What every app of one profile provides and requires, and who satisfies each requirement: apps, the cluster's
/// defaults, or the scenario's externals. Built by <see cref="ResourceGraphBuilder"/>.
/// </summary>
public sealed class ResourceGraph
{
    private readonly Dictionary<ObjectKey, List<Provider>> objects;
    private readonly Dictionary<GroupKind, List<Provider>> kinds;
    private readonly IReadOnlyList<ExternalObject> externals;
    private readonly ClusterDefaults defaults;
    private readonly Dictionary<string, AppNode> byName;
    private readonly Dictionary<(string Namespace, string Key, string Value), List<(AppNode App, PodTemplate Pods)>> podsByLabel = [];

    internal ResourceGraph(
        string profile,
        IReadOnlyList<AppNode> apps,
        KindScopes scopes,
        ClusterDefaults defaults,
        IReadOnlyList<ExternalObject> externals)
    {
        Profile = profile;
        Apps = apps;
        Scopes = scopes;
        this.defaults = defaults;
        this.externals = externals;
        objects = [];
        kinds = [];
        byName = new Dictionary<string, AppNode>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            byName.TryAdd(app.Name, app);
            foreach (var (key, provider) in app.Provides)
            {
                Add(objects, Normalize(key), provider);
            }

            foreach (var (kind, provider) in app.ProvidesKinds)
            {
                Add(kinds, kind, provider);
            }

            foreach (var pods in app.Pods)
            {
                foreach (var (key, value) in pods.Labels)
                {
                    if (!podsByLabel.TryGetValue((pods.Namespace, key, value), out var list))
                    {
                        podsByLabel[(pods.Namespace, key, value)] = list = [];
                    }

                    list.Add((app, pods));
                }
            }
        }
    }

    public string Profile { get; }

    public IReadOnlyList<AppNode> Apps { get; }

    public KindScopes Scopes { get; }

    /// <summary>The first app of that name, or null.</summary>
    public AppNode? FindApp(string name) => byName.GetValueOrDefault(name);

    /// <summary>Every provider of <paramref name="requirement"/> (empty when nothing in the profile provides it).</summary>
    public IReadOnlyList<Provider> Resolve(Requirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var result = new List<Provider>();
        switch (requirement.Target)
        {
            case RequirementTarget.CustomResourceDefinition:
                var gk = new GroupKind(requirement.Group, requirement.Kind);
                if (defaults.IsBuiltIn(gk.Group, gk.Kind))
                {
                    result.Add(new Provider(null, ProviderOrigin.ClusterDefault, null, "built-in kind"));
                }

                if (kinds.TryGetValue(gk, out var kp))
                {
                    result.AddRange(kp);
                }

                result.AddRange(externals.Where(e => e.Kind == gk.Kind && (e.Group is null || e.Group == gk.Group) && e.Name == "*")
                    .Select(e => new Provider(null, ProviderOrigin.External, null, $"external {e.Kind} (scenario {e.Location})")));
                break;
            case RequirementTarget.Pods:
                var first = requirement.Selector!.First();
                if (podsByLabel.TryGetValue((requirement.Namespace!, first.Key, first.Value), out var candidates))
                {
                    result.AddRange(candidates.Where(c => c.Pods.Matches(requirement.Namespace!, requirement.Selector!))
                        .Select(c => new Provider(c.App, ProviderOrigin.Rendered, c.Pods.Owner, $"pods of {c.Pods.Owner.Kind} {c.Pods.Owner.Name}")));
                }

                break;
            default:
                ResolveObject(requirement.Key, result);
                foreach (var alternative in requirement.Alternatives ?? [])
                {
                    ResolveObject(alternative, result);
                }

                break;
        }

        return result;
    }

    private void ResolveObject(ObjectKey raw, List<Provider> result)
    {
        var key = Normalize(raw);
        if (objects.TryGetValue(key, out var providers))
        {
            result.AddRange(providers);
        }

        if (defaults.Provides(key))
        {
            result.Add(new Provider(null, ProviderOrigin.ClusterDefault, null, "present in every cluster"));
        }

        foreach (var e in externals)
        {
            if (e.Kind == key.Kind && (e.Group is null || e.Group == key.Group) &&
                (e.Name == "*" || e.Name == key.Name) && (e.Namespace is null || e.Namespace == key.Namespace))
            {
                result.Add(new Provider(null, ProviderOrigin.External, null, $"external (scenario {e.Location})"));
            }
        }
    }

    /// <summary>Drops the namespace of cluster-scoped kinds, so a reference written with a namespace still matches.</summary>
    private ObjectKey Normalize(ObjectKey key) =>
        key.Namespace is not null && !Scopes.IsNamespaced(key.Group, key.Kind) ? key with { Namespace = null } : key;

    private static void Add<TKey>(Dictionary<TKey, List<Provider>> map, TKey key, Provider provider)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(provider);
    }
}
