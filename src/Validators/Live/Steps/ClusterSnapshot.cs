using k8s;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Runner;

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
        foreach (var app in apps.Values)
        {
            foreach (var r in app.Resources.Where(r => r.Kind != ArgoLive.Application))
            {
                var live = await ctx.Dynamic.GetAsync(new ObjectRef(r.ApiVersion, r.Kind, r.Namespace, r.Name), cancellationToken);
                if (live is not null)
                {
                    resources[r.ToString()] = (app.Name, live["metadata"]?["uid"]?.GetValue<string>());
                }
            }
        }

        var pods = await ctx.Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
        var restarts = pods.Items.ToDictionary(
            p => p.Metadata.Uid ?? $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}",
            p => ($"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}", p.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0),
            StringComparer.Ordinal);
        return new ClusterSnapshot(apps, resources, restarts);
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
