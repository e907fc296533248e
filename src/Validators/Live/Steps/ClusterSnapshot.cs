using k8s;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// The identity of everything Argo CD manages at one moment: each Application's UID, each managed resource's UID,
/// and each pod's restart count. Comparing two snapshots shows what was deleted, recreated or restarted.
/// </summary>
public sealed record ClusterSnapshot(
    IReadOnlyDictionary<string, AppState> Apps,
    IReadOnlyDictionary<string, (string App, string? Uid)> Resources,
    IReadOnlyDictionary<string, (string Pod, int Restarts)> Pods)
{
    public static async Task<ClusterSnapshot> TakeAsync(RunContext ctx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var apps = await ctx.Argo.ListAsync(cancellationToken);
        var resources = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        var refs = new Dictionary<string, ObjectRef>(StringComparer.Ordinal);
        foreach (var app in apps.Values)
        {
            foreach (var r in app.Resources.Where(r => r.Kind != ArgoLive.Application))
            {
                var target = new ObjectRef(r.ApiVersion, r.Kind, r.Namespace, r.Name);
                var live = await ctx.Dynamic.GetAsync(target, cancellationToken);
                if (live is not null)
                {
                    resources[r.ToString()] = (app.Name, live["metadata"]?["uid"]?.GetValue<string>());
                    refs[r.ToString()] = target;
                }
            }
        }

        var pods = await ctx.Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
        var restarts = pods.Items.ToDictionary(
            p => p.Metadata.Uid ?? $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}",
            p => ($"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}", p.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0),
            StringComparer.Ordinal);
        return new ClusterSnapshot(apps, resources, restarts) { Refs = refs };
    }

    /// <summary>How to read each resource of <see cref="Resources"/> again.</summary>
    public IReadOnlyDictionary<string, ObjectRef> Refs { get; init; } = new Dictionary<string, ObjectRef>();

    /// <summary>
    /// Which of <paramref name="keys"/> (resources of this snapshot) are still in the cluster although deleting their
    /// app should have removed them — read from the cluster itself, not from Argo CD's status, which forgets the
    /// resources of a deleted Application even when they stay (orphans). What a cascade never deletes is left out:
    /// CRDs, and objects marked <c>Delete=false</c> or <c>helm.sh/resource-policy: keep</c> (ARGOCD-SEMANTICS §6.1).
    /// </summary>
    public async Task<IReadOnlyList<string>> LeftBehindAsync(RunContext ctx, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(keys);
        var left = new List<string>();
        foreach (var key in keys)
        {
            if (!Refs.TryGetValue(key, out var target) || target.Kind == "CustomResourceDefinition")
            {
                continue;
            }

            var live = await ctx.Dynamic.GetAsync(target, cancellationToken);
            if (live is null || live["metadata"]?["deletionTimestamp"] is not null || KeptOnDeletion(live))
            {
                continue;
            }

            left.Add(key);
        }

        return left;
    }

    private static bool KeptOnDeletion(System.Text.Json.Nodes.JsonObject live)
    {
        var annotations = live["metadata"]?["annotations"];
        var options = annotations?["argocd.argoproj.io/sync-options"]?.GetValue<string>() ?? string.Empty;
        return options.Split(',', StringSplitOptions.TrimEntries).Contains("Delete=false", StringComparer.Ordinal)
            || annotations?["helm.sh/resource-policy"]?.GetValue<string>() == "keep";
    }

    /// <summary>What changed between this snapshot and a later one, among the apps <paramref name="scope"/> selects.</summary>
    public IReadOnlyList<string> ChangesTo(ClusterSnapshot later, Func<string, bool> scope)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(scope);
        var changes = new List<string>();
        foreach (var (name, app) in Apps.Where(a => scope(a.Key)))
        {
            if (!later.Apps.TryGetValue(name, out var now))
            {
                changes.Add($"Application {name} was deleted");
            }
            else if (now.Uid != app.Uid)
            {
                changes.Add($"Application {name} was recreated (uid {app.Uid} → {now.Uid})");
            }
        }

        foreach (var (resource, (app, uid)) in Resources.Where(r => scope(r.Value.App)))
        {
            if (!later.Resources.TryGetValue(resource, out var now))
            {
                changes.Add($"{resource} (app {app}) was deleted");
            }
            else if (now.Uid != uid)
            {
                changes.Add($"{resource} (app {app}) was recreated");
            }
        }

        foreach (var (uid, (pod, restarts)) in Pods)
        {
            if (later.Pods.TryGetValue(uid, out var now) && now.Restarts > restarts)
            {
                changes.Add($"pod {pod} restarted ({restarts} → {now.Restarts})");
            }
        }

        return changes;
    }
}
