using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Diff;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Projects;
using PlatformValidation.Fakes.ArgoCd.Sync;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>
/// Compares an Application's desired state with the live state [controller/state.go CompareAppState;
/// ARGOCD-SEMANTICS §1.5, §1.6, §2, §3.3, §8.4]: destination and project checks (InvalidSpecError short-circuits),
/// manifest generation (ComparisonError → Unknown), namespace defaulting, last-wins duplicates, tracking, the managed
/// live set (tracked and un-owned, plus adopted matches), per-resource status, SharedResourceWarning, health.
/// </summary>
public sealed class AppStateComparer(ControllerContext ctx, LiveIndex index)
{
    public async Task<ComparisonResult> CompareAsync(AppSpec app, AppProjectPolicy? project, bool hardRefresh, IReadOnlyList<string>? revisionOverrides, CancellationToken cancellationToken)
    {
        var instance = ctx.Tracking.InstanceName(app.Name, app.Namespace);
        if (ValidateSpec(app, project) is { } specError)
        {
            return new ComparisonResult { SyncStatus = "Unknown", SpecInvalid = true, Conditions = [(specError.Type, specError.Message)], Instance = instance };
        }

        var generated = await ctx.Generator.GenerateAsync(WithRevisions(app, revisionOverrides), hardRefresh, cancellationToken).ConfigureAwait(false);
        if (generated.InvalidSpec is not null)
        {
            return new ComparisonResult { SyncStatus = "Unknown", SpecInvalid = true, Conditions = [("InvalidSpecError", generated.InvalidSpec)], Instance = instance };
        }

        var conditions = new List<(string, string)>();
        DiffNormalizer normalizer;
        try
        {
            normalizer = new DiffNormalizer([.. app.IgnoreDifferences, .. ctx.Settings.IgnoreDifferences]);
        }
        catch (FormatException e)
        {
            return Failed(instance, generated.Revisions, "ComparisonError", e.Message);
        }

        if (generated.ComparisonError is not null)
        {
            return Failed(instance, generated.Revisions, "ComparisonError", generated.ComparisonError);
        }

        // Namespace defaulting and de-duplication (last wins) [controller/state.go NormalizeTargetObjects].
        var targets = new Dictionary<ResourceKey, JsonObject>();
        var hooks = new List<JsonObject>();
        var counts = new Dictionary<ResourceKey, int>();
        foreach (var raw in generated.Objects)
        {
            var obj = Json.Clone(raw);
            var key = ResourceKey.Of(obj);
            var namespaced = ctx.Cache.IsNamespaced(key.Group, key.Kind);
            if (namespaced && key.Namespace.Length == 0)
            {
                if (app.DestinationNamespace.Length == 0)
                {
                    return new ComparisonResult
                    {
                        SyncStatus = "Unknown",
                        SpecInvalid = true,
                        Conditions = [("InvalidSpecError", $"Namespace for {key.Name} {Json.Str(obj, "apiVersion")}, Kind={key.Kind} is missing.")],
                        Instance = instance,
                    };
                }

                Json.Ensure(obj, "metadata")["namespace"] = app.DestinationNamespace;
            }
            else if (!namespaced && obj["metadata"] is JsonObject meta)
            {
                meta.Remove("namespace");
            }

            key = ResourceKey.Of(obj);
            if (SyncAnnotations.IsSkip(obj))
            {
                continue;
            }

            ctx.Tracking.SetTracking(obj, instance, app.DestinationNamespace, namespaced);
            if (SyncAnnotations.IsHook(obj))
            {
                hooks.Add(obj);
                continue;
            }

            counts[key] = counts.GetValueOrDefault(key) + 1;
            targets[key] = obj;
        }

        foreach (var (key, n) in counts.Where(c => c.Value > 1))
        {
            conditions.Add(("RepeatedResourceWarning", $"Resource {key} appeared {n} times among application resources."));
        }

        // The managed live set: tracked by this app with no owner references, plus any live object matching a target.
        var lives = new Dictionary<ResourceKey, JsonObject>();
        foreach (var key in index.KeysOf(instance))
        {
            // Live hooks are not managed resources: no sync status, no health [controller/state.go].
            if (ctx.Cache.Get(key) is { } live && Json.Arr(live, "metadata.ownerReferences") is not { Count: > 0 } &&
                !SyncAnnotations.IsHook(live) && !SyncAnnotations.IsSkip(live))
            {
                lives[key] = live;
            }
        }

        foreach (var key in targets.Keys)
        {
            if (ctx.Cache.Get(key) is { } live)
            {
                lives[key] = live;
            }
        }

        var assessor = new HealthAssessor(ctx.Settings, ctx.Options.HealthForUnbundledKinds, ctx.BuiltInHealthScripts);
        var resources = new List<ManagedResource>();
        foreach (var key in targets.Keys.Union(lives.Keys).Order())
        {
            targets.TryGetValue(key, out var target);
            lives.TryGetValue(key, out var live);
            var obj = target ?? live!;
            var version = ResourceKey.SplitApiVersion(Json.Str(obj, "apiVersion") ?? string.Empty).Version;
            var namespaced = ctx.Cache.IsNamespaced(key.Group, key.Kind);
            if (project is not null && !IsPermitted(project, key, namespaced))
            {
                // Not permitted: status Unknown and the live copy is ignored, so it still counts as missing [§8.4].
                resources.Add(new ManagedResource(key, version, target, null, "Unknown", false, null, SyncAnnotations.Wave(obj), target is not null));
                continue;
            }

            if (live is not null && target is not null && ctx.Tracking.OwnerOf(live) is { } other && other != instance)
            {
                conditions.Add(("SharedResourceWarning", $"{key.Kind}/{key.Name} is part of applications {instance} and {other}"));
            }

            string status;
            var requiresPruning = false;
            var counted = true;
            if (target is null)
            {
                status = "OutOfSync";
                requiresPruning = true;
                counted = !SyncAnnotations.CompareOptions(live).IsTrue("IgnoreExtraneous");
            }
            else if (live is null)
            {
                status = "OutOfSync";
            }
            else
            {
                var lastApplied = Json.GetAnnotation(live, ArgoAnnotations.LastApplied) is { } la && TryParse(la) is { } parsed
                    ? normalizer.Normalize(parsed, key, live)
                    : null;
                status = ResourceDiff.Differs(normalizer.Normalize(target, key, live), normalizer.Normalize(live, key, live), lastApplied) ? "OutOfSync" : "Synced";
            }

            var health = live is null ? null : assessor.Assess(live);
            resources.Add(new ManagedResource(key, version, target, live, status, requiresPruning, health, SyncAnnotations.Wave(obj), counted));
        }

        var self = new ResourceKey(ArgoAnnotations.Group, "Application", app.Namespace, app.Name);
        var appHealth = HealthAggregator.Aggregate(resources.Select(r => new HealthInput(
            r.Key,
            r.Live is not null,
            r.Health,
            IgnoreHealthcheck: r.Live is not null && Json.GetAnnotation(r.Live, ArgoAnnotations.IgnoreHealthcheck) == "true",
            IsSelf: r.Key == self)));
        var syncStatus = resources.Any(r => r.CountsForAppSync && r.Status != "Synced") ? "OutOfSync" : "Synced";
        return new ComparisonResult
        {
            SyncStatus = syncStatus,
            Revisions = generated.Revisions,
            Resources = resources,
            Hooks = hooks,
            Health = appHealth,
            Conditions = conditions,
            Normalizer = normalizer,
            Instance = instance,
        };
    }

    private static ComparisonResult Failed(string instance, IReadOnlyList<string> revisions, string type, string message) =>
        new() { SyncStatus = "Unknown", ComparisonFailed = true, Revisions = revisions, Conditions = [(type, message)], Instance = instance };

    private static AppSpec WithRevisions(AppSpec app, IReadOnlyList<string>? revisions)
    {
        if (revisions is null || revisions.Count == 0)
        {
            return app;
        }

        var copy = Json.Clone(app.Raw);
        var sources = app.IsMultiSource ? Json.Objects(copy, "spec.sources").ToList() : Json.Obj(copy, "spec.source") is { } s ? [s] : [];
        for (var i = 0; i < sources.Count && i < revisions.Count; i++)
        {
            if (!string.IsNullOrEmpty(revisions[i]) && !revisions[i].StartsWith("dir-", StringComparison.Ordinal))
            {
                sources[i]["targetRevision"] = revisions[i];
            }
        }

        return new AppSpec(copy);
    }

    /// <summary>Destination and project checks that short-circuit the comparison [util/argo/argo.go ValidatePermissions].</summary>
    private (string Type, string Message)? ValidateSpec(AppSpec app, AppProjectPolicy? project)
    {
        if (project is null)
        {
            return ("InvalidSpecError", AppProjectPolicy.MissingProjectMessage(app.Project));
        }

        if (app.DestinationServer is not null && app.DestinationName is not null)
        {
            return ("InvalidSpecError", $"application destination can't have both name and server defined: {app.DestinationName} {app.DestinationServer}");
        }

        if (app.DestinationServer is null && app.DestinationName is null)
        {
            return ("InvalidSpecError", "Destination server missing from app spec");
        }

        if (app.DestinationServer is { } server && server.TrimEnd('/') != ArgoAnnotations.InClusterServer)
        {
            return ("InvalidSpecError", $"application destination spec for {app.Name} is invalid: unable to find destination server: there are no clusters with this URL: {server}");
        }

        if (app.DestinationName is { } name && name != ArgoAnnotations.InClusterName)
        {
            return ("InvalidSpecError", $"application destination spec for {app.Name} is invalid: unable to find destination server: there are no clusters with this name: {name}");
        }

        foreach (var source in app.Sources)
        {
            var repo = Json.Str(source, "repoURL") ?? string.Empty;
            if (repo.Length > 0 && !project.IsSourcePermitted(repo))
            {
                return ("InvalidSpecError", project.SourceDeniedMessage(repo));
            }
        }

        if (!project.IsDestinationPermitted(app.DestinationServer ?? ArgoAnnotations.InClusterServer, app.DestinationName ?? ArgoAnnotations.InClusterName, app.DestinationNamespace))
        {
            return ("InvalidSpecError", project.DestinationDeniedMessage(app.DestinationServer ?? app.DestinationName ?? string.Empty, app.DestinationNamespace));
        }

        return null;
    }

    internal static bool IsPermitted(AppProjectPolicy project, ResourceKey key, bool namespaced) =>
        project.IsGroupKindPermitted(key.Group, key.Kind, key.Name, namespaced) &&
        (!namespaced || key.Namespace.Length == 0 || project.IsDestinationPermitted(ArgoAnnotations.InClusterServer, ArgoAnnotations.InClusterName, key.Namespace));

    private static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
