using System.Diagnostics;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// <c>group-toggle</c>: where a layer's ApplicationSet reads a groups file, disabling a group (a new commit in the
/// served repo) prunes exactly that group's apps and their resources; enabling it again restores them Synced and
/// Healthy. The original file is committed back in a cleanup whatever happens.
/// </summary>
public sealed class GroupToggleSuite : ILiveSuite
{
    public string Kind => SuiteKinds.GroupToggle;

    public IEnumerable<LiveStep> Plan(RunContext ctx, SuiteDefinition suite, IStaticAnalysis? analysis) => Steps(ctx, suite);

    public const string DisableCheck = LiveChecks.GroupDisablePrunes;
    public const string EnableCheck = LiveChecks.GroupEnableRestores;

    public static IEnumerable<LiveStep> Steps(RunContext ctx, SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(suite);
        var t = ctx.Timeouts;
        if (ctx.Scenario.Groups.Count == 0)
        {
            yield return new LiveStep(LiveChecks.NoGroups, null, t.Apply, "apply", (c, _) =>
            {
                c.Skip(DisableCheck, null, "the scenario declares no groups file (`groups:`), so there is nothing to toggle");
                return Task.CompletedTask;
            });
            yield break;
        }

        if (ctx.Substrate.Repo is null)
        {
            // With a kubeconfig substrate Argo CD reads the team's real remote; the harness serves no copy it could
            // commit to, so the toggle cannot be exercised: a skip with the reason, not a failure.
            yield return new LiveStep(LiveChecks.NoServedRepo, null, t.Apply, "apply", (c, _) =>
            {
                const string why = "Argo CD reads the platform repo from its real remote on this substrate and the harness never writes to it; group-toggle runs on substrates whose repo the harness serves (sim, k3s)";
                c.Skip(DisableCheck, null, why);
                c.Skip(EnableCheck, null, why);
                return Task.CompletedTask;
            });
            yield break;
        }

        var groups = ctx.Scenario.Groups[0];
        var profile = suite.Profile ?? ctx.Scenario.Profiles.FirstOrDefault(p => p.Layers.Any(l => l.Name == groups.Layer))?.Name ?? ctx.Scenario.Profiles[^1].Name;
        var state = new ToggleState();
        yield return new LiveStep(LiveChecks.EnsureProfile, profile, t.Apply + t.Healthy + ProfileSteps.ReportingAllowance, "healthy", (c, token) => ProfileSteps.EnsureAsync(c, profile, token));
        yield return new LiveStep(LiveChecks.DisableGroup, profile, t.Teardown + t.Settle, "teardown", (c, token) => DisableAsync(c, profile, groups, suite.Group, state, token));
        yield return new LiveStep(LiveChecks.EnableGroup, profile, t.Sync + t.Healthy, "healthy", (c, token) => EnableAsync(c, profile, groups, state, token));
    }

    private static async Task DisableAsync(RunContext ctx, string profile, GroupsFileSpec groups, string? requested, ToggleState state, CancellationToken cancellationToken)
    {
        var repo = ctx.Substrate.Repo ?? throw new StepFailedException("group-toggle needs a repo the harness serves (sim or k3s); with a kubeconfig substrate Argo CD reads the real remote, which the harness never writes to.");
        var path = Path.Combine(repo.WorkingDirectory, groups.File);
        if (!File.Exists(path))
        {
            throw new ScenarioRunException($"The groups file {groups.File} (scenario `groups`, layer {groups.Layer}) does not exist in the repo.");
        }

        state.Original = await File.ReadAllTextAsync(path, cancellationToken);
        var entries = GroupsFileEditor.Entries(state.Original, groups.NameField, groups.EnabledField);
        var entry = requested is null ? entries.FirstOrDefault(e => e.Enabled) : entries.FirstOrDefault(e => e.Name == requested);
        if (entry.Name is null)
        {
            throw new ScenarioRunException(requested is null
                ? $"The groups file {groups.File} has no enabled group to toggle."
                : $"The groups file {groups.File} has no group '{requested}' (groups: {string.Join(", ", entries.Select(e => e.Name))}).");
        }

        state.Group = entry.Name;
        var before = await ClusterSnapshot.TakeAsync(ctx, cancellationToken);
        var sets = before.Apps.Values.Where(a => a.Raw["metadata"]?["ownerReferences"]?.AsArray().Any(o => o?["kind"]?.GetValue<string>() == ArgoLive.ApplicationSet) == true).ToList();

        // The group's apps: those the layer's ApplicationSet generated whose name comes from the entry's values.
        state.Expected = sets.Where(a => entry.Values.Contains(a.Name)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var original = state.Original;
        ctx.Cleanups.Push($"restore {groups.File}", async token =>
        {
            await File.WriteAllTextAsync(path, original, token);
            await repo.CommitAsync($"platform-validation: restore {groups.File}", token);
        });
        await File.WriteAllTextAsync(path, GroupsFileEditor.Disable(state.Original, entry.Name, groups.NameField, groups.EnabledField), cancellationToken);
        var revision = await repo.CommitAsync($"platform-validation: disable group {entry.Name}", cancellationToken);
        ctx.Info($"group-toggle: disabled group {entry.Name} in {groups.File} (revision {revision[..Math.Min(8, revision.Length)]})");
        await RefreshSetsAsync(ctx, cancellationToken);

        var sw = Stopwatch.StartNew();
        ClusterSnapshot after;
        var expectedResources = before.Resources.Where(r => state.Expected.Contains(r.Value.App)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        try
        {
            after = await ctx.WaitUntilAsync(
                $"disabling group {entry.Name} to prune its app(s) {string.Join(", ", state.Expected)}",
                "teardown",
                ctx.Timeouts.Teardown,
                async token =>
                {
                    var now = await ClusterSnapshot.TakeAsync(ctx, token);
                    var left = state.Expected.Where(now.Apps.ContainsKey).Concat(await before.LeftBehindAsync(ctx, expectedResources, token)).ToList();
                    return (left.Count == 0 && state.Expected.Count > 0, now, state.Expected.Count == 0 ? "no app of the group was found before the toggle" : $"still present: {string.Join(", ", left.Take(6))}");
                },
                cancellationToken);
        }
        catch (WaitTimeoutException e)
        {
            ctx.Fail(DisableCheck, profile, $"group {entry.Name}: {e.Message}");
            return;
        }

        await ctx.DelayAsync(ctx.Timeouts.Settle / 2, cancellationToken);
        after = await ClusterSnapshot.TakeAsync(ctx, cancellationToken);
        var collateral = before.ChangesTo(after, app => !state.Expected.Contains(app));
        if (collateral.Count == 0)
        {
            ctx.Pass(DisableCheck, profile, $"disabling group {entry.Name} pruned exactly its app(s) {string.Join(", ", state.Expected)} and {expectedResources.Count} resource(s)", duration: sw.Elapsed);
        }
        else
        {
            ctx.Fail(DisableCheck, profile, $"disabling group {entry.Name} also changed other apps: {string.Join("; ", collateral.Take(10))}", duration: sw.Elapsed);
        }
    }

    private static async Task EnableAsync(RunContext ctx, string profile, GroupsFileSpec groups, ToggleState state, CancellationToken cancellationToken)
    {
        if (state.Original is null || ctx.Substrate.Repo is not { } repo)
        {
            return;
        }

        var path = Path.Combine(repo.WorkingDirectory, groups.File);
        await File.WriteAllTextAsync(path, state.Original, cancellationToken);
        await repo.CommitAsync($"platform-validation: enable group {state.Group}", cancellationToken);
        await RefreshSetsAsync(ctx, cancellationToken);
        var sw = Stopwatch.StartNew();
        try
        {
            await ctx.WaitUntilAsync(
                $"enabling group {state.Group} to restore app(s) {string.Join(", ", state.Expected)} Synced and Healthy",
                "healthy",
                ctx.Timeouts.Healthy,
                async token =>
                {
                    var apps = await ctx.Argo.ListAsync(token);
                    var pending = state.Expected.Where(a => !apps.TryGetValue(a, out var s) || !s.IsSyncedAndHealthy).ToList();
                    return (pending.Count == 0, pending, $"not yet Synced+Healthy: {string.Join(", ", pending.Select(p => apps.TryGetValue(p, out var s) ? $"{p} {s.SyncStatus}/{s.HealthStatus}" : $"{p} missing"))}");
                },
                cancellationToken);
            ctx.Pass(EnableCheck, profile, $"enabling group {state.Group} restored {string.Join(", ", state.Expected)} Synced and Healthy", duration: sw.Elapsed);
        }
        catch (WaitTimeoutException e)
        {
            ctx.Fail(EnableCheck, profile, $"group {state.Group}: {e.Message}", duration: sw.Elapsed);
        }
    }

    /// <summary>Asks every ApplicationSet to re-read its generators (Argo CD's <c>application-set-refresh</c> annotation).</summary>
    private static async Task RefreshSetsAsync(RunContext ctx, CancellationToken cancellationToken)
    {
        foreach (var set in await ctx.Dynamic.ListAsync(ArgoLive.ApiVersion, ArgoLive.ApplicationSet, ctx.Substrate.ArgoCdNamespace, cancellationToken: cancellationToken))
        {
            var patch = new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { ["argocd.argoproj.io/application-set-refresh"] = "true" } } };
            await ctx.Dynamic.MergePatchAsync(ObjectRef.Of(set), patch, cancellationToken: cancellationToken);
        }
    }

    private sealed class ToggleState
    {
        public string? Original { get; set; }

        public string Group { get; set; } = string.Empty;

        public IReadOnlySet<string> Expected { get; set; } = new HashSet<string>();
    }
}
