using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>
/// Builds the live view of a parsed scenario file (<see cref="Scenarios.Scenario"/>): profiles as ordered layer
/// manifests, cost gates with their workloads, groups files, smoke, probes, substrate overrides, timeouts, and the
/// suites read from the file's <c>suites</c> section by <see cref="SuiteParser"/>.
/// </summary>
public static class LiveScenarioFactory
{
    /// <summary>Reads a scenario file and builds its live view; throws ScenarioException / SuiteFormatException with file:line.</summary>
    public static LiveScenario Load(string scenarioPath)
    {
        var parsed = Scenarios.ScenarioParser.Load(scenarioPath);
        var suites = SuiteParser.Parse(File.ReadAllText(scenarioPath), scenarioPath, parsed.Profiles.Select(p => p.Name).ToList());
        return From(parsed, suites);
    }

    public static LiveScenario From(Scenarios.Scenario s, IReadOnlyList<SuiteDefinition>? suites = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        var profiles = s.Profiles.Select(p => new ProfileDefinition(
            p.Name,
            p.Layers.Select(l => s.FindLayer(l)!).Select(l => new LayerDefinition(l.Name, l.Manifests.Select(m => m.Path).ToList())).ToList())
        {
            CommonManifests = s.AlwaysApply.Select(m => m.Path).ToList(),
        }).ToList();
        var gates = s.CostGates.Select(g => new CostGate(
            g.App,
            g.Workload is { } w ? new ObjectRef(w.ApiVersion ?? DefaultApiVersion(w.Kind), w.Kind, w.Namespace, w.Name) : null,
            g.Scale?.Up ?? 0,
            g.Scale?.Down ?? 0,
            g.Gpu,
            g.IdlePause is { } ip ? new IdlePause(ip.Annotation, ip.Value) : null)).ToList();
        var smoke = s.Smoke is { } sm
            ? new SmokeRequest(
                sm.Profiles,
                new ServiceTarget(sm.Service.Namespace, sm.Service.Name, sm.Service.Port),
                sm.Path,
                sm.Model,
                sm.ApiKey?.SecretRef is { } r ? new SecretKeyRef(r.Namespace, r.Name, r.Key) : null,
                sm.ApiKey?.EnvironmentVariable)
            : null;
        var probes = s.Probes.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<Probe>)kv.Value.Select(p => new Probe(p.Name, new ServiceTarget(p.Service.Namespace, p.Service.Name, p.Service.Port), p.Path, p.ExpectStatus)).ToList(),
            StringComparer.Ordinal);
        var overrides = new SubstrateOverrides(
            s.Substrate.Images.Select(i => new ImageStandIn(i.Match, i.ReplaceWith)).ToList(),
            s.Substrate.Nodes.Select(n => new NodeShape(n.Name, n.Labels, n.Taints.Select(t => new NodeTaint(t.Key, t.Value, t.Effect)).ToList(), n.Capacity)).ToList());
        var timeouts = LiveTimeouts.Default;
        foreach (var (name, value) in s.Timeouts.Values)
        {
            timeouts = timeouts.With(name, value);
        }

        return new LiveScenario(
            s.Name,
            s.Repo.Directory,
            s.Repo.Urls,
            s.Repo.Revision,
            profiles,
            gates,
            s.Groups.Select(g => new GroupsFile(g.Layer, g.File, g.NameField, g.EnabledField)).ToList(),
            smoke,
            probes,
            overrides,
            timeouts,
            suites ?? SuiteDefinition.Defaults)
        {
            SourceFile = s.SourceFile,
            Parsed = s,
        };
    }

    private static string DefaultApiVersion(string kind) => kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" => "apps/v1",
        "Job" or "CronJob" => "batch/v1",
        _ => "v1",
    };
}
