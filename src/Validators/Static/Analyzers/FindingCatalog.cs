using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>One entry of the findings catalogue: what the ID means and how bad it is by default.</summary>
public sealed record FindingDescriptor(string Id, Severity Severity, string Title, string Help);

/// <summary>
/// The static findings catalogue: every ID the validator can report, with its default severity, a one-line title
/// and the longer help text the SARIF report and <c>docs/</c> show. Only <see cref="Severity.Error"/> fails a run.
/// </summary>
public static class FindingCatalog
{
    /// <summary>Every descriptor, in catalogue order.</summary>
    public static IReadOnlyList<FindingDescriptor> All { get; } =
    [
        new(FindingIds.Yaml001, Severity.Error, "A file does not parse", "A YAML or JSON file cannot be read as Kubernetes manifests (syntax, tabs, size or nesting limits)."),
        new(FindingIds.Argo001, Severity.Error, "Invalid Argo CD object", "An Application, ApplicationSet or AppProject has a spec Argo CD would reject (InvalidSpecError)."),
        new(FindingIds.Argo002, Severity.Warning, "App-of-apps cycle", "An Application manages itself or one of its ancestors; Argo CD would fight over it."),
        new(FindingIds.Argo004, Severity.Warning, "App renders nothing", "An Application's sources render no resource (a directory with manifests only in subdirectories and no recurse, an empty path): Argo CD deploys nothing and reports it Synced and Healthy."),
        new(FindingIds.Argo005, Severity.Warning, "Directory include/exclude matches nothing", "A spec.source.directory include or exclude pattern matches no manifest file under the source path, so the app deploys nothing (include) or the exclude is dead."),
        new(FindingIds.Argo006, Severity.Warning, "ApplicationSet generates nothing", "An ApplicationSet's generators yield no element in this checkout, so Argo CD creates no Application (and removes those it created before)."),
        new(FindingIds.Argo007, Severity.Error, "Object in two apps", "The same object (group, kind, namespace, name) is in the desired state of two Applications: Argo CD reports SharedResourceWarning, the apps take it over from each other on every sync, and pruning either deletes it."),
        new(FindingIds.Argo008, Severity.Warning, "argocd-apps values nothing installs", "A values file of argo-helm's argocd-apps chart (applications/applicationsets/projects holding Argo CD specs) that no Application of the repository installs the chart with (or that a kustomization's helmCharts inflates and no Application renders): the objects it declares are not validated."),
        new(FindingIds.Render001, Severity.Error, "Source fails to render", "kustomize, helm or the directory reader fails on an app's source, so Argo CD cannot compute its desired state."),
        new(FindingIds.Render002, Severity.Warning, "Source not rendered here", "An app's source could not be rendered on this machine (helm missing, remote repo or chart unreachable); what it provides and requires is unknown."),
        new(FindingIds.Render003, Severity.Warning, "Output changes on every render", "A Helm source's manifests depend on values Argo CD draws anew on every render (randAlphaNum, uuidv4, genCA, bcrypt, now, …): the app turns OutOfSync after each refresh."),
        new(FindingIds.Dep001, Severity.Error, "Missing dependency", "A resource requires something (CRD, namespace, Secret, Service, Gateway, ClusterQueue, class, issuer, …) that no app in the profile provides, or that only a manual-sync app provides."),
        new(FindingIds.Dep002, Severity.Error, "Dependency on a higher layer", "An app depends on an app of a layer that is applied after its own, so a narrower profile lacks it."),
        new(FindingIds.Dep003, Severity.Error, "Hidden coupling to a demo layer", "A non-demo app depends on an app of a demo/simulation layer."),
        new(FindingIds.Group001, Severity.Error, "Needed group disabled", "A group disabled in a groups file provides something an enabled group needs."),
        new(FindingIds.Gate001, Severity.Error, "GPU workload auto-syncs", "A workload requesting a GPU is in an auto-sync app, so every bring-up pays for the GPU."),
        new(FindingIds.Gate002, Severity.Error, "Cost gate auto-syncs", "A cost-gated app has an automated sync policy."),
        new(FindingIds.Gate003, Severity.Error, "Scaled replicas not ignored", "A workload whose replicas are owned by scaling (cost gate, HPA, KEDA) lacks ignoreDifferences on /spec/replicas with RespectIgnoreDifferences=true, so a sync reverts the scale."),
        new(FindingIds.Gate004, Severity.Error, "Cost-gated replicas above zero", "A cost-gated workload's replicas in Git are above the scaled-down value (or absent, which means 1)."),
        new(FindingIds.Gate005, Severity.Warning, "GPU app not declared as a cost gate", "A manual-sync app runs a GPU workload, but the scenario does not list it under costGates, so its replicas and the live cost-gate checks are never applied to it."),
        new(FindingIds.Narrow001, Severity.Error, "Profiles not nested", "A narrower profile applies a manifest or reaches an app that the next wider profile does not."),
        new(FindingIds.Narrow002, Severity.Error, "Manifest differs between profiles", "An object applied by two profiles differs between them, so switching profiles rewrites (and may prune) it."),
        new(FindingIds.Narrow003, Severity.Error, "Child app claimed twice", "Two roots (or an app and a root) create the same child Application; they fight over it and deleting either cascades."),
        new(FindingIds.Narrow004, Severity.Error, "Teardown orphans workloads", "An Application created by a root (or a root itself) lacks the resources finalizer, so deleting its layer root — the documented teardown — leaves its workloads running."),
        new(FindingIds.Wave001, Severity.Error, "CRD consumer before its provider", "An app uses a custom resource whose CRD another app of the same parent provides in a later or the same sync wave, without SkipDryRunOnMissingResource."),
        new(FindingIds.Proj001, Severity.Warning, "Project missing or default", "An app uses the built-in default project (warning), or a project no manifest of the profile defines (error)."),
        new(FindingIds.Proj002, Severity.Error, "Source repo not allowed", "An app's repoURL is not allowed by its AppProject's sourceRepos."),
        new(FindingIds.Proj003, Severity.Error, "Destination not allowed", "An app's destination, or a resource's namespace, is not allowed by its AppProject's destinations."),
        new(FindingIds.Proj004, Severity.Error, "Resource kind not allowed", "A rendered resource's group/kind is not allowed by the AppProject (an empty clusterResourceWhitelist allows no cluster-scoped kind)."),
        new(FindingIds.Repo001, Severity.Error, "repoURL not canonical", "A repoURL points at this repo but differs from the canonical spelling, so fork-init (which rewrites the exact string) would miss it."),
        new(FindingIds.Pin001, Severity.Warning, "Unpinned version", "An image uses 'latest' or no tag, or a Helm chart version is a range, '*' or missing."),
        new(FindingIds.Sec001, Severity.Error, "Plaintext Secret in Git", "A Secret with data or stringData is committed to Git; use ExternalSecret, SealedSecret or SOPS."),
        new(FindingIds.Sec002, Severity.Warning, "Secret as a literal value", "A container env var or a Helm parameter whose name says password, token, secret or key has its value written in Git; use secretKeyRef / an ExternalSecret instead."),
        new(FindingIds.Schema001, Severity.Error, "Object breaks its schema", "A custom resource breaks the openAPIV3Schema of the CRD version it uses (the CRD is in the same profile): wrong type, missing required field, value outside its enum, pattern or bounds; or a built-in object has a field of the wrong JSON type. The API server refuses it (422 Invalid / 400 BadRequest)."),
        new(FindingIds.Schema002, Severity.Warning, "Field pruned by the API server", "A custom resource sets a field its CRD schema does not declare (no property, no additionalProperties, no x-kubernetes-preserve-unknown-fields): the API server drops it silently. As info: the CRD has CEL rules (x-kubernetes-validations) that are not evaluated statically."),
        new(FindingIds.Scen001, Severity.Error, "Scenario does not match the repo", "The scenario names a manifest, app, workload or groups file the repo does not have."),
        new(FindingIds.Prune001, Severity.Error, "Merge deletes stateful objects", "validate --base: merging the change makes Argo CD delete a PersistentVolumeClaim, PersistentVolume, StatefulSet, CRD (and every object of its kind) or Namespace (and everything in it) — by automated prune, a cascading finalizer or a deleted parent — and nothing marks it Prune=false/Delete=false or allows it with --allow-prune."),
    ];

    private static readonly Dictionary<string, FindingDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    private static readonly HashSet<string> Conventions = new(StringComparer.Ordinal)
    {
        FindingIds.Gate001, FindingIds.Gate002, FindingIds.Gate003, FindingIds.Gate004,
        FindingIds.Narrow003, FindingIds.Narrow004, FindingIds.Dep002, FindingIds.Dep003,
        FindingIds.Repo001, FindingIds.Sec001,
    };

    /// <summary>
    /// True for IDs that encode a platform convention rather than something Argo CD itself fails on (cost gates,
    /// layers, teardown by finalizer, fork-init's canonical repoURL, secret delivery): warnings without a scenario.
    /// </summary>
    public static bool IsConvention(string id) => Conventions.Contains(id);

    /// <summary>The descriptor of <paramref name="id"/>, or null for an ID outside the catalogue.</summary>
    public static FindingDescriptor? Find(string id) => ById.GetValueOrDefault(id);
}
