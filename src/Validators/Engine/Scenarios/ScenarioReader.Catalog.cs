using PlatformValidation.Validators.Argo;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>The catalogue sections: layers, profiles, cost gates, groups files and externals.</summary>
internal sealed partial class ScenarioReader
{
    private IReadOnlyList<ScenarioLayer> ReadLayers(YamlMap root)
    {
        var layers = new List<ScenarioLayer>();
        var items = root.Sequence("layers");
        if (root.Get("layers") is null)
        {
            yaml.Error(root.Node, "the scenario needs 'layers': a list of {name, manifests} in bring-up order.");
        }

        var index = 0;
        foreach (var item in items)
        {
            index++;
            var map = yaml.AsMap(item, "a layer");
            if (map is null)
            {
                continue;
            }

            var name = DnsName(map, "name", "layer");
            var order = map.Int("order", 0, 100_000) ?? index;
            var manifests = ReadManifestList(map, "manifests");
            if (map.Get("manifests") is null)
            {
                yaml.Error(map.Node, $"layer '{name}' needs 'manifests': the files `make root` applies for it (e.g. [clusters/<env>/roots/{name}.yaml]).");
            }

            var demo = map.Bool("demo") ?? false;
            map.Done();
            if (name is null)
            {
                continue;
            }

            if (layers.Any(l => l.Name == name))
            {
                yaml.Error(map.LocationOf("name"), $"layer '{name}' is defined twice; keep one entry per layer.");
                continue;
            }

            if (layers.FirstOrDefault(l => l.Order == order) is { } same)
            {
                yaml.Error(map.LocationOf("order"), $"layers '{same.Name}' and '{name}' have the same order {order}; give each layer its own order.");
            }

            layers.Add(new ScenarioLayer(name, order, manifests, demo, map.Location));
        }

        return layers;
    }

    private IReadOnlyList<ScenarioProfile> ReadProfiles(YamlMap root, IReadOnlyList<ScenarioLayer> layers)
    {
        var profiles = new List<ScenarioProfile>();
        var map = root.Map("profiles", required: true);
        if (map is null)
        {
            return profiles;
        }

        foreach (var (name, keyNode, value) in map.Entries)
        {
            map.Get(name);
            if (!ScenarioParser.DnsLabel().IsMatch(name))
            {
                yaml.Error(keyNode, $"profile name '{name}' must be lower-case letters, digits and '-'.");
            }

            var names = new List<string>();
            ScenarioLayer? previous = null;
            foreach (var item in yaml.AsSequence(value, $"profile '{name}'"))
            {
                var layerName = yaml.AsString(item, $"a layer of profile '{name}'");
                if (layerName is null)
                {
                    continue;
                }

                var layer = layers.FirstOrDefault(l => l.Name == layerName);
                if (layer is null)
                {
                    yaml.Error(item, $"profile '{name}' lists layer '{layerName}', which 'layers' does not define; known layers: {string.Join(", ", layers.Select(l => l.Name))}.");
                    continue;
                }

                if (names.Contains(layerName))
                {
                    yaml.Error(item, $"profile '{name}' lists layer '{layerName}' twice; list each layer once.");
                    continue;
                }

                if (previous is not null && layer.Order < previous.Order)
                {
                    yaml.Error(item, $"profile '{name}' lists layer '{layerName}' (order {layer.Order}) after '{previous.Name}' (order {previous.Order}); `make root` applies layers in layer order, so list them in that order.");
                }

                names.Add(layerName);
                previous = layer;
            }

            if (names.Count == 0 && value is YamlSequenceNode)
            {
                yaml.Error(value, $"profile '{name}' lists no layers; give it at least one.");
            }

            profiles.Add(new ScenarioProfile(name, names, yaml.At(keyNode)));
        }

        if (profiles.Count == 0 && root.Get("profiles") is YamlMappingNode)
        {
            yaml.Error(map.Node, "'profiles' is empty; define at least one profile (name: [layers…]).");
        }

        return profiles;
    }

    private IReadOnlyList<CostGate> ReadCostGates(YamlMap root)
    {
        var gates = new List<CostGate>();
        foreach (var item in root.Sequence("costGates"))
        {
            var map = yaml.AsMap(item, "a cost gate");
            if (map is null)
            {
                continue;
            }

            var app = map.String("app", required: true, hint: "the name of the manual-sync Application");
            var workloadMap = map.Map("workload");
            WorkloadRef? workload = null;
            if (workloadMap is not null)
            {
                var apiVersion = workloadMap.String("apiVersion");
                var kind = workloadMap.String("kind", required: true, hint: "e.g. Deployment");
                var ns = workloadMap.String("namespace");
                var name = workloadMap.String("name", required: true);
                workloadMap.Done();
                if (kind is not null && name is not null)
                {
                    workload = new WorkloadRef(apiVersion, kind, ns, name);
                }
            }

            ScaleSpec? scale = null;
            var scaleMap = map.Map("scale");
            if (scaleMap is not null)
            {
                var up = scaleMap.Int("up", 0, 10_000) ?? 1;
                var down = scaleMap.Int("down", 0, 10_000) ?? 0;
                scaleMap.Done();
                if (up <= down)
                {
                    yaml.Error(scaleMap.Location, $"cost gate '{app}': scale.up ({up}) must be greater than scale.down ({down}).");
                }

                if (workload is null)
                {
                    yaml.Error(scaleMap.Location, $"cost gate '{app}' scales replicas but names no 'workload'; add workload: {{kind, namespace, name}}.");
                }

                scale = new ScaleSpec(up, down);
            }

            var gpu = map.Bool("gpu") ?? false;
            IdlePause? idle = null;
            var idleMap = map.Map("idlePause");
            if (idleMap is not null)
            {
                var annotation = idleMap.String("annotation", required: true, hint: "e.g. serving.kserve.io/stop");
                var value = idleMap.String("value") ?? "true";
                idleMap.Done();
                if (workload is null)
                {
                    yaml.Error(idleMap.Location, $"cost gate '{app}' has an idlePause but names no 'workload' to annotate.");
                }

                if (annotation is not null)
                {
                    idle = new IdlePause(annotation, value);
                }
            }

            map.Done();
            if (app is null)
            {
                continue;
            }

            if (gates.Any(g => g.App == app))
            {
                yaml.Error(map.LocationOf("app"), $"cost gate for app '{app}' is defined twice; merge the entries.");
                continue;
            }

            gates.Add(new CostGate(app, workload, scale, gpu, idle, map.Location));
        }

        return gates;
    }

    private IReadOnlyList<GroupsFileSpec> ReadGroups(YamlMap root, IReadOnlyList<ScenarioLayer> layers)
    {
        var groups = new List<GroupsFileSpec>();
        foreach (var item in root.Sequence("groups"))
        {
            var map = yaml.AsMap(item, "a groups entry");
            if (map is null)
            {
                continue;
            }

            // `layer: a` or `layers: [a, b]` (one file read by several layers' ApplicationSets): one spec per layer.
            var single = map.String("layer");
            var several = map.StringList("layers");
            var file = map.String("file", required: true, hint: "the repo-relative groups file, e.g. clusters/<env>/catalog/<layer>/groups.generated.yaml");
            var nameField = map.String("nameField") ?? GroupsFileSpec.DefaultNameField;
            var enabledField = map.String("enabledField") ?? GroupsFileSpec.DefaultEnabledField;
            map.Done();
            if ((single is null) == (several.Count == 0))
            {
                yaml.Error(map.Location, "a groups entry needs exactly one of 'layer: NAME' or 'layers: [NAME, ...]': the layer(s) whose ApplicationSet reads the file.");
            }

            var named = single is not null ? [(single, Location: map.LocationOf("layer"))] : several.Select(l => (l.Value, Location: yaml.At(l.Node))).ToList();
            foreach (var (layer, at) in named.Where(n => layers.All(l => l.Name != n.Item1)))
            {
                yaml.Error(at, $"groups entry names layer '{layer}', which 'layers' does not define.");
            }

            var normalized = file is null ? null : Loading.RepoTree.NormalizePath(file);
            if (file is not null && string.IsNullOrEmpty(normalized))
            {
                yaml.Error(map.LocationOf("file"), $"groups file '{file}' must be relative to the repo root and stay inside it.");
            }

            if (!string.IsNullOrEmpty(normalized))
            {
                foreach (var (layer, _) in named.DistinctBy(n => n.Item1))
                {
                    groups.Add(new GroupsFileSpec(layer, normalized, nameField, enabledField, map.Location));
                }
            }
        }

        return groups;
    }

    private IReadOnlyList<ExternalObject> ReadExternals(YamlMap root)
    {
        var externals = new List<ExternalObject>();
        foreach (var item in root.Sequence("externals"))
        {
            var map = yaml.AsMap(item, "an external");
            if (map is null)
            {
                continue;
            }

            var apiVersion = map.String("apiVersion");
            var kind = map.String("kind", required: true, hint: "e.g. StorageClass");
            var ns = map.String("namespace");
            var name = map.String("name", required: true);
            map.Done();
            if (kind is not null && name is not null)
            {
                externals.Add(new ExternalObject(apiVersion, kind, ns, name, map.Location));
            }
        }

        return externals;
    }

    /// <summary>
    /// <c>clusters:</c> — the cluster Secrets Argo CD holds, for the ApplicationSet clusters generator: name, server,
    /// optional project, labels and annotations (docs/scenario-format.md "clusters").
    /// </summary>
    private IReadOnlyList<ArgoCluster> ReadClusters(YamlMap root)
    {
        var clusters = new List<ArgoCluster>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in root.Sequence("clusters"))
        {
            var map = yaml.AsMap(item, "a clusters entry");
            if (map is null)
            {
                continue;
            }

            var name = map.String("name", required: true, hint: "the cluster Secret's data.name, e.g. in-cluster or prod-eu");
            var server = map.String("server", required: true, hint: "the API server URL as the cluster Secret's data.server, e.g. https://kubernetes.default.svc");
            var project = map.String("project");
            var labels = map.StringMap("labels");
            var annotations = map.StringMap("annotations");
            map.Done();
            if (server is not null && !Uri.TryCreate(server, UriKind.Absolute, out _))
            {
                yaml.Error(map.LocationOf("server"), $"clusters entry server '{server}' is not an absolute URL; write the API server URL as Argo CD stores it (https://…).");
            }

            if (name is not null && !seen.Add(name))
            {
                yaml.Error(map.LocationOf("name"), $"cluster '{name}' is declared twice; Argo CD keys clusters by name, so keep one entry.");
            }

            if (name is not null && server is not null)
            {
                clusters.Add(ArgoCluster.Declared(name, server, project, labels, annotations));
            }
        }

        return clusters;
    }
}
