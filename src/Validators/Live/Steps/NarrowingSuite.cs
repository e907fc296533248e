using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// <c>narrowing</c>: after the wide profile, applying the narrow one must delete or recreate nothing (Application
/// and resource UIDs, pod restarts) and leave the wider layers Healthy; then the documented teardown (deleting one
/// layer's root) removes exactly that layer's apps and their resources.
/// </summary>
public sealed class NarrowingSuite : ILiveSuite
{
    public string Kind => SuiteKinds.Narrowing;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite);

    public const string NoPruneCheck = LiveChecks.NoPrune;
    public const string TeardownCheck = LiveChecks.Teardown;

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var wide = suite.Profile ?? ctx.Scenario.Profiles[^1].Name;
        var narrow = suite.NarrowTo ?? ctx.Scenario.Profiles[0].Name;
        var wideLayers = ctx.Scenario.Profile(wide).Layers.Select(l => l.Name).ToList();
        var narrowLayers = ctx.Scenario.Profile(narrow).Layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var teardown = suite.Teardown ?? wideLayers.LastOrDefault(l => !narrowLayers.Contains(l)) ?? wideLayers[^1];
        var t = ctx.Timeouts;
        ClusterSnapshot? before = null;

        yield return new LiveStep(LiveChecks.EnsureProfile, wide, t.Apply + t.Healthy + ProfileSteps.ReportingAllowance, "healthy", (c, token) => ProfileSteps.EnsureAsync(c, wide, token));
        yield return new LiveStep(LiveChecks.Snapshot, wide, t.Sync, "sync", async (c, token) => before = await ClusterSnapshot.TakeAsync(c, token));
        yield return new LiveStep(LiveChecks.ApplyNarrower, narrow, t.Apply + t.Settle + t.Sync, "settle", async (c, token) =>
        {
            foreach (var (_, body) in ProfileManifests.Load(c, c.Scenario.Profile(narrow)))
            {
                await c.Dynamic.ApplyAsync(body, c.Substrate.ArgoCdNamespace, token);
            }

            // Give the reconciler several cycles to (wrongly) prune, then compare.
            await c.DelayAsync(t.Settle, token);
            var after = await ClusterSnapshot.TakeAsync(c, token);
            var changes = before!.ChangesTo(after, _ => true);
            if (changes.Count == 0)
            {
                c.Pass(NoPruneCheck, narrow, $"applying {narrow} after {wide} deleted, recreated or restarted nothing ({before.Apps.Count} apps, {before.Resources.Count} resources, {before.Pods.Count} pods unchanged)");
            }
            else
            {
                foreach (var (parent, pruned, specChanged) in PrunedBy(before, after))
                {
                    var why = specChanged
                        ? $"profile {narrow} applies a different {parent} than {wide} (same name, other spec), so its automated prune removed what the narrower copy does not render"
                        : $"{parent} no longer renders them";
                    c.Fail(NoPruneCheck, narrow, $"app {parent} deleted {pruned.Count} Application(s) of the wider profile when {narrow} was applied after {wide} ({string.Join(", ", pruned)}): {why}", parent);
                }

                c.Fail(NoPruneCheck, narrow, $"applying {narrow} after {wide} changed what the wider layers run: {string.Join("; ", changes.Take(20))}");
            }

            var unhealthy = after.Apps.Values.Where(a => a.Automated && !a.IsSyncedAndHealthy).ToList();
            if (unhealthy.Count == 0)
            {
                c.Pass(LiveChecks.WiderLayersHealthy, narrow, $"every auto-sync app of {wide} stayed Synced+Healthy");
            }

            foreach (var app in unhealthy)
            {
                c.Fail(LiveChecks.WiderLayersHealthy, narrow, $"app {app.Name} became {app.SyncStatus}/{app.HealthStatus} after applying {narrow}: {await UnhealthyCauses.ExplainAsync(c, app, token)}", app.Name);
            }

            before = after;
        });
        yield return new LiveStep(LiveChecks.TeardownLayer, wide, t.Teardown + t.Settle, "teardown", (c, token) => TeardownAsync(c, wide, teardown, before!, token));
    }

    private static async Task TeardownAsync(RunContext ctx, string wide, string layerName, ClusterSnapshot before, CancellationToken cancellationToken)
    {
        var layer = ProfileManifests.Layer(ctx.Scenario, layerName);
        var objects = ProfileManifests.LayerObjects(ctx, layer);
        var expected = LayerClosure(before, objects);
        foreach (var body in objects)
        {
            var target = ObjectRef.Of(body);
            await ctx.Dynamic.DeleteAsync(target with { Namespace = target.Namespace ?? ctx.Substrate.ArgoCdNamespace }, cancellationToken: cancellationToken);
        }

        var expectedResources = before.Resources.Where(r => expected.Contains(r.Value.App)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        ClusterSnapshot after;
        IReadOnlyList<string> leftApps = [];
        IReadOnlyList<string> leftResources = [];
        try
        {
            after = await ctx.WaitUntilAsync(
                $"the teardown of layer {layerName} to remove its {expected.Count} app(s) and {expectedResources.Count} resource(s)",
                "teardown",
                ctx.Timeouts.Teardown,
                async token =>
                {
                    var now = await ClusterSnapshot.TakeAsync(ctx, token);
                    leftApps = expected.Where(now.Apps.ContainsKey).ToList();
                    leftResources = await before.LeftBehindAsync(ctx, expectedResources, token);
                    return (leftApps.Count == 0 && leftResources.Count == 0, now, $"still present: {string.Join(", ", leftApps.Concat(leftResources).Take(8))}");
                },
                cancellationToken);
        }
        catch (WaitTimeoutException e)
        {
            var explained = false;
            foreach (var group in leftResources.GroupBy(r => before.Resources[r].App, StringComparer.Ordinal).Where(g => !leftApps.Contains(g.Key)))
            {
                var finalizer = before.Apps.TryGetValue(group.Key, out var state) && HasCascadeFinalizer(state);
                var why = finalizer
                    ? "its cascade deletion did not remove them"
                    : $"it has no {ArgoLive.ResourcesFinalizer}, so deleting it (the layer teardown) orphaned them";
                ctx.Fail(TeardownCheck, wide, $"app {group.Key} of layer {layerName} was deleted, but {group.Count()} of its resource(s) keep running ({string.Join(", ", group.Take(5))}): {why}", group.Key);
                explained = true;
            }

            foreach (var app in leftApps)
            {
                ctx.Fail(TeardownCheck, wide, $"app {app} of layer {layerName} still exists after deleting the layer's root(s)", app);
                explained = true;
            }

            if (!explained)
            {
                ctx.Fail(TeardownCheck, wide, $"deleting the root(s) of layer {layerName} did not remove the layer: {e.Message}");
            }

            return;
        }

        // Only the layer's own apps may have gone; everything else must be untouched.
        await ctx.DelayAsync(ctx.Timeouts.Settle / 2, cancellationToken);
        after = await ClusterSnapshot.TakeAsync(ctx, cancellationToken);
        var collateral = before.ChangesTo(after, app => !expected.Contains(app));
        if (collateral.Count == 0)
        {
            ctx.Pass(TeardownCheck, wide, $"deleting layer {layerName} removed exactly its {expected.Count} app(s) ({string.Join(", ", expected.Order(StringComparer.Ordinal))}) and {expectedResources.Count} resource(s)");
        }
        else
        {
            ctx.Fail(TeardownCheck, wide, $"deleting layer {layerName} also changed other layers: {string.Join("; ", collateral.Take(20))}");
        }

        ctx.CurrentProfile = null;
    }

    /// <summary>Each parent app that deleted child Applications between the snapshots, those children, and whether the parent's own spec changed.</summary>
    public static IReadOnlyList<(string Parent, IReadOnlyList<string> Pruned, bool SpecChanged)> PrunedBy(ClusterSnapshot before, ClusterSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var deleted = before.Apps.Keys.Where(a => !after.Apps.ContainsKey(a)).ToHashSet(StringComparer.Ordinal);
        var result = new List<(string, IReadOnlyList<string>, bool)>();
        foreach (var parent in before.Apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var pruned = parent.Resources.Where(r => r.Kind == ArgoLive.Application && deleted.Contains(r.Name)).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            if (pruned.Count == 0)
            {
                continue;
            }

            var specChanged = after.Apps.TryGetValue(parent.Name, out var now) && !System.Text.Json.Nodes.JsonNode.DeepEquals(parent.Raw["spec"], now.Raw["spec"]);
            result.Add((parent.Name, pruned, specChanged));
        }

        return result;
    }

    private static bool HasCascadeFinalizer(AppState app) =>
        app.Raw["metadata"]?["finalizers"] is System.Text.Json.Nodes.JsonArray finalizers &&
        finalizers.Any(f => f?.GetValue<string>() is { } name && name.StartsWith(ArgoLive.ResourcesFinalizer, StringComparison.Ordinal));

    /// <summary>The apps a layer brings: its root Applications, the Applications they manage, and those its ApplicationSets generate — transitively.</summary>
    public static IReadOnlySet<string> LayerClosure(ClusterSnapshot snapshot, IEnumerable<System.Text.Json.Nodes.JsonObject> layerObjects)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(layerObjects);
        var objects = layerObjects.ToList();
        var result = new HashSet<string>(ProfileSteps.ApplicationNames(objects), StringComparer.Ordinal);
        var sets = objects.Where(o => o["kind"]?.GetValue<string>() == ArgoLive.ApplicationSet).Select(o => ObjectRef.Of(o).Name).ToHashSet(StringComparer.Ordinal);
        foreach (var app in snapshot.Apps.Values)
        {
            var owners = app.Raw["metadata"]?["ownerReferences"]?.AsArray().Select(o => (o?["kind"]?.GetValue<string>(), o?["name"]?.GetValue<string>()));
            if (owners?.Any(o => o.Item1 == ArgoLive.ApplicationSet && o.Item2 is not null && sets.Contains(o.Item2)) == true)
            {
                result.Add(app.Name);
            }
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var parent in result.ToList())
            {
                if (!snapshot.Apps.TryGetValue(parent, out var state))
                {
                    continue;
                }

                foreach (var child in state.Resources.Where(r => r.Kind == ArgoLive.Application))
                {
                    changed |= result.Add(child.Name);
                }
            }
        }

        return result;
    }
}
