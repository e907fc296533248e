using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// WAVE001: an app uses a custom resource whose CRD a sibling app (same root) provides in a later or the same sync
/// wave, or a sibling of the same ApplicationSet (which creates all its apps at once), and neither the app nor the
/// resource skips the dry-run for missing kinds. Child Applications have no health by default, so a root's waves
/// only order creation; the consumer's sync then fails until the CRD exists [ARGOCD-SEMANTICS §3.2, §4.8].
/// </summary>
public sealed class WaveAnalyzer : IStaticAnalyzer
{
    private const string SkipDryRun = "SkipDryRunOnMissingResource=true";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var profile in context.Profiles)
        {
            foreach (var consumer in profile.Graph.Apps)
            {
                if (consumer.App.Parent is not { } parent || consumer.App.Model.HasSyncOption(SkipDryRun))
                {
                    continue;
                }

                foreach (var requirement in consumer.Requires.Where(r => r.Target == RequirementTarget.CustomResourceDefinition))
                {
                    if (ResourceSkipsDryRun(requirement.Consumer))
                    {
                        continue;
                    }

                    var providers = profile.Graph.Resolve(requirement);
                    if (providers.Count == 0 || providers.Any(p => p.IsEnvironment || p.App == consumer))
                    {
                        continue;
                    }

                    var siblings = providers.Where(p => p.App!.App.Parent == parent).Select(p => p.App!).ToList();
                    if (siblings.Count == 0 || providers.Any(p => p.App!.App.Parent != parent))
                    {
                        continue;
                    }

                    var provider = siblings.OrderBy(s => s.App.Model.SyncWave).First();
                    var byAppSet = parent.Kind == ArgoKinds.ApplicationSet;
                    if (!byAppSet && provider.App.Model.SyncWave < consumer.App.Model.SyncWave)
                    {
                        continue;
                    }

                    var why = byAppSet
                        ? $"ApplicationSet {parent.Name} creates both at once (sync waves do not order generated apps)"
                        : $"{consumer.Name} is in wave {consumer.App.Model.SyncWave} and {provider.Name} in wave {provider.App.Model.SyncWave} of {parent.Kind} {parent.Name}";
                    yield return AppFindings.Create(FindingIds.Wave001,
                        $"{AppFindings.Describe(consumer.App)} uses {requirement.Kind} ({requirement.Group}) from the CRD that app {provider.Name} installs, but {why}; its sync fails its dry-run until the CRD exists.",
                        consumer.App.Manifest.LocationOf("/metadata/annotations/" + JsonPointer.Escape(ObjectMeta.SyncWaveAnnotation)),
                        byAppSet
                            ? $"Add {SkipDryRun} to {consumer.Name}'s syncOptions (or the resource's argocd.argoproj.io/sync-options), or move the CRD to a lower layer."
                            : $"Give {consumer.Name} a later sync wave than {provider.Name} ({provider.App.Model.SyncWave}) and add {SkipDryRun} to its syncOptions.",
                        consumer.Name, profile.Name);
                }
            }
        }
    }

    private static bool ResourceSkipsDryRun(ManifestObject resource) =>
        resource.Body["metadata"]?["annotations"]?["argocd.argoproj.io/sync-options"] is { } options &&
        options.ToString().Split(',').Any(o => string.Equals(o.Replace(" ", string.Empty, StringComparison.Ordinal), SkipDryRun, StringComparison.OrdinalIgnoreCase));
}
