using PlatformValidation.Validators.Kube;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// What a substrate's cluster provides before any app is applied (the objects a scenario may list under
/// <c>externals</c>), declared by the substrate, and the check that a scenario asks for nothing more. A missing
/// external fails the run at start with the reason, instead of surfacing minutes later as an app that never
/// becomes healthy. <see cref="Absent"/> names objects a scenario commonly expects that this substrate knowingly
/// lacks, with why.
/// </summary>
public sealed record ProvidedExternals(string Substrate, IReadOnlyList<ProvidedObject> Objects, IReadOnlyDictionary<string, string> Absent)
{
    /// <summary>Who provides the namespace of the Argo CD install (present once the <c>argocd</c> resource is healthy).</summary>
    public const string ArgoCdInstall = "the Argo CD install";

    /// <summary>
    /// k3s as the k3s substrate starts it: k3s' own defaults (upstream k3s-io/k3s <c>manifests/</c>: the
    /// <c>local-path</c> StorageClass of local-path-provisioner, and traefik from <c>manifests/traefik.yaml</c>,
    /// whose chart creates the <c>traefik</c> IngressClass), the standard namespaces, and <c>argocd</c> from the Argo
    /// CD install. The substrate starts k3s with its default command for that reason: Testcontainers.K3s would pass
    /// <c>--disable=traefik</c>, leaving Ingresses of class traefik without a controller, so never Healthy in
    /// Argo CD (it needs a load-balancer address in the Ingress status).
    /// </summary>
    public static ProvidedExternals K3s { get; } = new(
        "k3s",
        [
            new("storage.k8s.io/v1", "StorageClass", "local-path", "k3s (local-path-provisioner)"),
            new("networking.k8s.io/v1", "IngressClass", "traefik", "k3s (its bundled traefik chart)"),
            new("v1", "Namespace", "default", "k3s"),
            new("v1", "Namespace", "kube-system", "k3s"),
            new("v1", "Namespace", "kube-public", "k3s"),
            new("v1", "Namespace", "kube-node-lease", "k3s"),
            new("v1", "Namespace", "argocd", ArgoCdInstall),
        ],
        new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The externals of <paramref name="declared"/> this substrate does not provide, each with the reason.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<ExternalObject> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var missing = new List<string>();
        foreach (var e in declared)
        {
            if (Objects.Any(o => o.Kind == e.Kind && o.Name == e.Name))
            {
                continue;
            }

            var key = $"{e.Kind}/{e.Name}";
            missing.Add(Absent.TryGetValue(key, out var why) ? $"{key} ({why})" : $"{key} (not among what the {Substrate} substrate provides: {string.Join(", ", Objects.Select(o => o.Key))})");
        }

        return missing;
    }

    /// <summary>The start-time error for <paramref name="missing"/> externals, naming the scenario file and what to do.</summary>
    public string Message(string scenarioFile, IReadOnlyList<string> missing) =>
        $"{scenarioFile}: the scenario's `externals` list objects the {Substrate} substrate does not provide: {string.Join("; ", missing)}. " +
        "Remove them from `externals` for this substrate, or run on a substrate whose cluster has them (--substrate kubeconfig).";

    /// <summary>
    /// The declared objects the cluster itself provides (not the Argo CD install) that it does not have (yet): the
    /// cluster is healthy once this is empty, so the declaration is checked against the running cluster.
    /// </summary>
    public async Task<IReadOnlyList<string>> NotYetOnClusterAsync(DynamicClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var absent = new List<string>();
        foreach (var o in Objects.Where(o => o.By != ArgoCdInstall))
        {
            if (await client.GetAsync(new ObjectRef(o.ApiVersion, o.Kind, null, o.Name), cancellationToken) is null)
            {
                absent.Add($"{o.Key} (from {o.By})");
            }
        }

        return absent;
    }
}

/// <summary>One cluster-scoped object a substrate provides, and who provides it.</summary>
public sealed record ProvidedObject(string ApiVersion, string Kind, string Name, string By)
{
    /// <summary><c>Kind/name</c>, as the messages write it.</summary>
    public string Key => $"{Kind}/{Name}";
}
