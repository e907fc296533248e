using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// Assesses one live object in Argo CD's order [ge/health/health.go GetResourceHealth; ARGOCD-SEMANTICS §3.1]:
/// pending deletion → Lua override from argocd-cm → Argo CD's built-in Lua scripts when a resource_customizations
/// folder is given → built-in Go check → bundled well-known CRD check → no health (null).
/// </summary>
public sealed class HealthAssessor(ArgoCdSettings settings, bool healthForUnbundledKinds = false, ResourceCustomizationsDirectory? builtInScripts = null)
{
    public HealthStatus? Assess(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (Json.Str(live, "metadata.deletionTimestamp") is not null &&
            !(Json.Arr(live, "metadata.finalizers")?.Any(f => Json.AsString(f) == ArgoAnnotations.HookFinalizer) ?? false))
        {
            return HealthStatus.Progressing("Pending deletion");
        }

        var (group, version) = ResourceKey.SplitApiVersion(Json.Str(live, "apiVersion") ?? string.Empty);
        var kind = Json.Str(live, "kind") ?? string.Empty;
        if (settings.HealthScriptFor(group, kind) is { } script)
        {
            return script.Evaluate(live);
        }

        if (builtInScripts?.HealthScriptFor(group, kind) is { } builtIn)
        {
            return builtIn.Evaluate(live);
        }

        return BuiltInHealthChecks.Check(group, version, kind, live)
            ?? WellKnownHealthChecks.CheckBundled(group, kind, live)
            ?? (healthForUnbundledKinds ? WellKnownHealthChecks.CheckUnbundled(group, kind, live) : null);
    }
}
