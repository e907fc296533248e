using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>
/// The ordered objects that install Argo CD: its namespace, then the CRDs (so the kinds exist), then everything
/// else in manifest order, namespaced objects placed in the Argo CD namespace (the upstream manifest leaves that to
/// <c>kubectl apply -n argocd</c>), and <c>argocd-cm</c> given the harness's reconciliation interval.
/// </summary>
public sealed record ArgoCdInstallPlan(string Namespace, IReadOnlyList<JsonObject> Objects)
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "StorageClass",
        "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "PersistentVolume",
    };

    /// <summary>Builds the plan from the manifest text.</summary>
    public static ArgoCdInstallPlan From(string manifest, string ns = "argocd", TimeSpan? reconciliation = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var loaded = new ManifestLoader().LoadText(manifest, "argocd-install.yaml");
        if (loaded.HasErrors)
        {
            var first = loaded.Findings.First(f => f.Severity == Validators.Findings.Severity.Error);
            throw new ArgoCdInstallException($"The Argo CD manifest does not parse: {first.Location}: {first.Message}");
        }

        var objects = loaded.Objects.Select(o => (JsonObject)o.Body.DeepClone()).ToList();
        foreach (var o in objects)
        {
            var kind = o["kind"]?.GetValue<string>() ?? string.Empty;
            var meta = o["metadata"] as JsonObject ?? [];
            o["metadata"] = meta;
            if (!ClusterScoped.Contains(kind) && meta["namespace"] is null)
            {
                meta["namespace"] = ns;
            }

            // ClusterRoleBindings of the upstream manifest name the ServiceAccounts' namespace as argocd.
            if (kind is "ClusterRoleBinding" or "RoleBinding" && o["subjects"] is JsonArray subjects)
            {
                foreach (var s in subjects.OfType<JsonObject>().Where(s => s["kind"]?.GetValue<string>() == "ServiceAccount"))
                {
                    s["namespace"] = ns;
                }
            }

            if (kind == "ConfigMap" && meta["name"]?.GetValue<string>() == "argocd-cm" && reconciliation is { } r)
            {
                var data = o["data"] as JsonObject ?? [];
                o["data"] = data;
                data["timeout.reconciliation"] = $"{(int)r.TotalSeconds}s";
            }
        }

        var ordered = new List<JsonObject>
        {
            new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } },
        };
        ordered.AddRange(objects.Where(o => o["kind"]?.GetValue<string>() == "CustomResourceDefinition"));
        ordered.AddRange(objects.Where(o => o["kind"]?.GetValue<string>() is not ("CustomResourceDefinition" or "Namespace")));
        return new ArgoCdInstallPlan(ns, ordered);
    }

    /// <summary>The workloads that must be available before Argo CD works (kind, name).</summary>
    public IReadOnlyList<(string Kind, string Name)> Workloads =>
        Objects.Where(o => o["kind"]?.GetValue<string>() is "Deployment" or "StatefulSet")
            .Select(o => (o["kind"]!.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>()))
            .ToList();
}
