using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// Splits rendered templates into manifests and orders them as <c>helm template</c> prints them [helm
/// pkg/release/v1/util/manifest_sorter.go, kind_sorter.go, pkg/action/action.go renderResources]: CRDs from crds/
/// first (when included), then manifests by kind in install order (unknown kinds last, alphabetically; ties keep file
/// order), then hooks (by kind), test hooks left out with <c>--skip-tests</c>; files sorted by path, empty ones dropped.
/// </summary>
internal static class HelmManifests
{
    private static readonly string[] InstallOrder =
    [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
        "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role",
        "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
        "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ];

    private static readonly HashSet<string> HookEvents = new(StringComparer.Ordinal)
    {
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success",
    };

    public static HelmRenderOutput Sort(IReadOnlyDictionary<string, string> rendered, HelmRenderRequest request, IReadOnlyList<HelmChartFile> crds)
    {
        var generic = new List<HelmManifest>();
        var hooks = new List<HelmManifest>();
        foreach (var (path, content) in rendered.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (content.Trim().Length == 0)
            {
                continue;
            }

            foreach (var doc in Split(content))
            {
                var (kind, hook) = Head(doc, path);
                if (hook is null)
                {
                    generic.Add(new HelmManifest(path, doc, kind, IsHook: false));
                    continue;
                }

                var events = hook.Split(',').Select(e => e.Trim().ToLowerInvariant()).ToList();
                if (events.Any(e => !HookEvents.Contains(e)))
                {
                    continue; // Helm skips unknown hooks.
                }

                if (request.SkipTests && events.Any(e => e is "test" or "test-success"))
                {
                    continue;
                }

                hooks.Add(new HelmManifest(path, doc, kind, IsHook: true));
            }
        }

        var result = new List<HelmManifest>();
        if (request.IncludeCrds)
        {
            result.AddRange(crds.Select(c => new HelmManifest(c.Name, c.Text, "CustomResourceDefinition", IsHook: false)));
        }

        result.AddRange(ByKind(generic));
        result.AddRange(ByKind(hooks));
        foreach (var pattern in request.ShowOnly)
        {
            if (!result.Any(m => HelmShowOnly.Matches(pattern, m.Source)))
            {
                throw new HelmChartException($"could not find template {pattern} in chart");
            }
        }

        return new HelmRenderOutput(result, request.ShowOnly);
    }

    private static IEnumerable<HelmManifest> ByKind(List<HelmManifest> manifests) =>
        manifests.Select((m, i) => (m, i)).OrderBy(p => Rank(p.m.Kind).Known ? 0 : 1).ThenBy(p => Rank(p.m.Kind).Index).ThenBy(p => Rank(p.m.Kind).Known ? string.Empty : p.m.Kind, StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.m);

    private static (bool Known, int Index) Rank(string kind)
    {
        var i = Array.IndexOf(InstallOrder, kind);
        return (i >= 0, i < 0 ? 0 : i);
    }

    private static IEnumerable<string> Split(string content) => HelmShowOnly.SplitManifests(content);

    private static (string Kind, string? Hook) Head(string doc, string path)
    {
        var (documents, findings) = YamlDocumentReader.Read(doc, path, LoaderOptions.Default);
        if (findings.Count > 0)
        {
            throw new HelmChartException($"YAML parse error on {path}: {findings[0].Message}");
        }

        if (documents.Count == 0 || documents[0].Root is not System.Text.Json.Nodes.JsonObject o)
        {
            return (string.Empty, null);
        }

        var kind = o["kind"] is System.Text.Json.Nodes.JsonValue k && k.TryGetValue<string>(out var ks) ? ks : string.Empty;
        var hook = o["metadata"]?["annotations"]?["helm.sh/hook"] is System.Text.Json.Nodes.JsonValue h && h.TryGetValue<string>(out var hs) ? hs : null;
        return (kind, hook);
    }
}
