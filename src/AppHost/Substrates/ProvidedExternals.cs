using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// What a substrate's cluster provides before any app is applied (the objects a scenario may list under
/// <c>externals</c>), declared by the substrate, and the check that a scenario asks for nothing more. A missing
/// external fails the run at start with the reason, instead of surfacing minutes later as an app that never
/// becomes healthy.
/// </summary>
public sealed record ProvidedExternals(string Substrate, IReadOnlyList<(string Kind, string Name)> Objects, IReadOnlyDictionary<string, string> Absent)
{
    /// <summary>
    /// k3s as Testcontainers.K3s starts it: the local-path StorageClass and the standard namespaces (k3s' defaults),
    /// <c>argocd</c> from the Argo CD install; no IngressClass, since the module starts k3s with
    /// <c>--disable=traefik</c> (k3s' own default would bundle traefik).
    /// </summary>
    public static ProvidedExternals K3s { get; } = new(
        "k3s",
        [("StorageClass", "local-path"), ("Namespace", "default"), ("Namespace", "kube-system"), ("Namespace", "kube-public"), ("Namespace", "kube-node-lease"), ("Namespace", "argocd")],
        new Dictionary<string, string>(StringComparer.Ordinal) { ["IngressClass/traefik"] = "Testcontainers.K3s starts k3s with --disable=traefik, so there is no traefik IngressClass" });

    /// <summary>The externals of <paramref name="declared"/> this substrate does not provide, each with the reason.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<ExternalObject> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var missing = new List<string>();
        foreach (var e in declared)
        {
            if (Objects.Contains((e.Kind, e.Name)))
            {
                continue;
            }

            var key = $"{e.Kind}/{e.Name}";
            missing.Add(Absent.TryGetValue(key, out var why) ? $"{key} ({why})" : $"{key} (not among what the {Substrate} substrate provides: {string.Join(", ", Objects.Select(o => $"{o.Kind}/{o.Name}"))})");
        }

        return missing;
    }

    /// <summary>The start-time error for <paramref name="missing"/> externals, naming the scenario file and what to do.</summary>
    public string Message(string scenarioFile, IReadOnlyList<string> missing) =>
        $"{scenarioFile}: the scenario's `externals` list objects the {Substrate} substrate does not provide: {string.Join("; ", missing)}. " +
        "Remove them from `externals` for this substrate, or run on a substrate whose cluster has them (--substrate kubeconfig).";
}
