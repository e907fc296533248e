using System.Globalization;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>Reads the sync-related annotations of an object: hooks, waves, per-resource sync options.</summary>
public static class SyncAnnotations
{
    /// <summary>Wave from <c>argocd.argoproj.io/sync-wave</c>, else <c>helm.sh/hook-weight</c>, else 0 [ge/sync/syncwaves/waves.go].</summary>
    public static int Wave(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var key in new[] { ArgoAnnotations.SyncWave, ArgoAnnotations.HelmHookWeight })
        {
            if (Json.GetAnnotation(obj, key) is { } s && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w))
            {
                return w;
            }
        }

        return 0;
    }

    /// <summary>Argo CD hook types listed on the object (Argo annotation first; Helm hooks only when it is absent).</summary>
    public static IReadOnlyList<string> HookTypes(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (Json.GetAnnotation(obj, ArgoAnnotations.Hook) is { } argo)
        {
            return argo.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (Json.GetAnnotation(obj, ArgoAnnotations.HelmHook) is { } helm)
        {
            // [ge/sync/hook/helm/type.go] crd-install is a normal resource; unknown helm hooks are ignored.
            return helm.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h switch
            {
                "pre-install" or "pre-upgrade" => "PreSync",
                "post-install" or "post-upgrade" => "PostSync",
                "pre-delete" => "PreDelete",
                "post-delete" => "PostDelete",
                _ => string.Empty,
            }).Where(h => h.Length > 0).Distinct().ToList();
        }

        return [];
    }

    /// <summary>A hook (any hook type other than Skip, incl. PreDelete/PostDelete) [ge/sync/hook/hook.go IsHook].</summary>
    public static bool IsHook(JsonObject obj) => HookTypes(obj).Any(t => t != "Skip");

    /// <summary><c>hook: Skip</c>: never applied and given no status.</summary>
    public static bool IsSkip(JsonObject obj) => HookTypes(obj).Contains("Skip");

    /// <summary>Sync phases of an object: hook types that are sync phases, or Sync for a plain resource.</summary>
    public static IReadOnlyList<SyncPhase> Phases(JsonObject obj)
    {
        if (!IsHook(obj))
        {
            return [SyncPhase.Sync];
        }

        var phases = new List<SyncPhase>();
        foreach (var t in HookTypes(obj))
        {
            if (Enum.TryParse<SyncPhase>(t, out var p) && Enum.IsDefined(p))
            {
                phases.Add(p);
            }
        }

        return phases;
    }

    /// <summary>Delete policies; BeforeHookCreation when none is given [ge/sync/hook/delete_policy.go].</summary>
    public static IReadOnlyList<HookDeletePolicy> DeletePolicies(JsonObject obj)
    {
        var raw = Json.GetAnnotation(obj, ArgoAnnotations.HookDeletePolicy);
        var policies = new List<HookDeletePolicy>();
        if (raw is not null)
        {
            foreach (var p in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<HookDeletePolicy>(p, out var policy))
                {
                    policies.Add(policy);
                }
            }
        }
        else if (Json.GetAnnotation(obj, ArgoAnnotations.HelmHookDeletePolicy) is { } helm)
        {
            foreach (var p in helm.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                policies.Add(p switch
                {
                    "hook-succeeded" => HookDeletePolicy.HookSucceeded,
                    "hook-failed" => HookDeletePolicy.HookFailed,
                    _ => HookDeletePolicy.BeforeHookCreation,
                });
            }
        }

        return policies.Count == 0 ? [HookDeletePolicy.BeforeHookCreation] : policies;
    }

    public static CommaOptions Options(JsonObject? obj) =>
        obj is null ? CommaOptions.Empty : new CommaOptions([Json.GetAnnotation(obj, ArgoAnnotations.SyncOptions)]);

    public static CommaOptions CompareOptions(JsonObject? obj) =>
        obj is null ? CommaOptions.Empty : new CommaOptions([Json.GetAnnotation(obj, ArgoAnnotations.CompareOptions)]);
}
