using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// SCEN001: the scenario and the repo disagree — a manifest, cost-gated app or workload, or groups file that does
/// not exist (errors), or a smoke/probe target no app of its profile provides (warnings).
/// </summary>
public sealed class ScenarioConsistencyAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Scenario;
        foreach (var m in scenario.AlwaysApply.Concat(scenario.Layers.SelectMany(l => l.Manifests)))
        {
            if (!context.Repo.FileExists(m.Path) && !context.Repo.DirectoryExists(m.Path))
            {
                yield return AppFindings.Create(FindingIds.Scen001, $"The scenario applies {m.Path}, which does not exist in the repo.", m.Location,
                    "Fix the path in the scenario (it is relative to the repo root), or restore the file.");
            }
        }

        foreach (var gate in scenario.CostGates)
        {
            var hit = context.DistinctApps().FirstOrDefault(a => a.App.Name == gate.App);
            if (hit.App is null)
            {
                yield return AppFindings.Create(FindingIds.Scen001, $"Cost gate names app {gate.App}, which no profile creates.", gate.Location,
                    "Fix the app name in costGates, or add the layer that holds the app to a profile.", gate.App);
                continue;
            }

            if (gate.Workload is { } w && CostGateAnalyzer.FindWorkload(hit.App, w, hit.Profile.Graph.Scopes) is null)
            {
                yield return AppFindings.Create(FindingIds.Scen001, $"Cost gate {gate.App} names workload {w}, which app {gate.App} does not render.", gate.Location,
                    $"Fix costGates[{gate.App}].workload (kind, namespace, name) to match the app's manifests.", gate.App);
            }
        }

        foreach (var groups in context.Groups)
        {
            if (groups.Problem is not null)
            {
                yield return AppFindings.Create(FindingIds.Scen001, $"The scenario's groups entry cannot be used: {groups.Problem}.", groups.Spec.Location,
                    "Fix 'groups[].file' (relative to the repo root), or generate the groups file.");
            }
            else if (!context.Profiles.SelectMany(p => p.Expanded.ApplicationSets).Any(s => s.Layer == groups.Spec.Layer))
            {
                yield return AppFindings.Create(FindingIds.Scen001, $"No ApplicationSet of layer {groups.Spec.Layer} is reached by any profile, so groups file {groups.Spec.File} has no effect.",
                    groups.Spec.Location, "Point the groups entry at the layer whose ApplicationSet reads the file.", severity: Severity.Warning);
            }
        }

        foreach (var finding in ServiceTargets(context))
        {
            yield return finding;
        }
    }

    private static IEnumerable<Finding> ServiceTargets(AnalysisContext context)
    {
        var scenario = context.Scenario;
        foreach (var profile in context.Profiles)
        {
            if (scenario.Smoke is { } smoke && smoke.Profiles.Contains(profile.Name))
            {
                if (!Provided(profile.Graph, new ObjectKey(string.Empty, "Service", smoke.Service.Namespace, smoke.Service.Name)))
                {
                    yield return AppFindings.Create(FindingIds.Scen001, $"The smoke request targets Service {smoke.Service.Namespace}/{smoke.Service.Name}, which no app of profile {profile.Name} provides.",
                        smoke.Location, "Fix smoke.service, or drop the profile from smoke.profiles.", profile: profile.Name, severity: Severity.Warning);
                }

                if (smoke.ApiKey?.SecretRef is { } secret && !Provided(profile.Graph, new ObjectKey(string.Empty, "Secret", secret.Namespace, secret.Name)))
                {
                    yield return AppFindings.Create(FindingIds.Scen001, $"The smoke API key is read from Secret {secret.Namespace}/{secret.Name}, which no app of profile {profile.Name} provides.",
                        smoke.Location, "Fix smoke.apiKey.secretRef, or declare the Secret under externals when the environment creates it.", profile: profile.Name, severity: Severity.Warning);
                }
            }

            foreach (var probe in scenario.Probes.GetValueOrDefault(profile.Name) ?? [])
            {
                if (!Provided(profile.Graph, new ObjectKey(string.Empty, "Service", probe.Service.Namespace, probe.Service.Name)))
                {
                    yield return AppFindings.Create(FindingIds.Scen001, $"Probe {probe.Name} targets Service {probe.Service.Namespace}/{probe.Service.Name}, which no app of profile {profile.Name} provides.",
                        probe.Location, "Fix the probe's service, or move the probe to a profile that deploys it.", profile: profile.Name, severity: Severity.Warning);
                }
            }
        }
    }

    private static bool Provided(ResourceGraph graph, ObjectKey key) =>
        graph.Resolve(new Requirement(RequirementTarget.Object, key.Group, key.Kind, key.Namespace, key.Name, Placeholder, string.Empty, "scenario", RequirementStrength.Soft)).Count > 0;

    private static readonly Loading.ManifestObject Placeholder = new([], Loading.SourceLocation.OfFile("(scenario)"));
}
