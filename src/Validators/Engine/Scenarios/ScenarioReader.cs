using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>The state of one parse: the YAML reader, the errors so far, and the top-level sections.</summary>
internal sealed partial class ScenarioReader
{
    private readonly List<ScenarioError> errors = [];
    private readonly ScenarioYaml yaml;
    private readonly string baseDirectory;

    public ScenarioReader(string file, string baseDirectory)
    {
        yaml = new ScenarioYaml(file, errors);
        this.baseDirectory = baseDirectory;
    }

    public Scenario Read(string text)
    {
        var root = yaml.AsMap(yaml.ParseDocument(text), "the scenario");
        if (root is null)
        {
            if (errors.Count == 0)
            {
                yaml.Error(SourceLocation.OfFile(yaml.File), "the scenario must be a mapping starting with 'apiVersion: platformvalidation.io/v1alpha1' and 'kind: Scenario'.");
            }

            throw new ScenarioException(errors);
        }

        var apiVersion = root.String("apiVersion", required: true, hint: $"write 'apiVersion: {Scenario.ApiVersionV1Alpha1}'");
        if (apiVersion is not null && apiVersion != Scenario.ApiVersionV1Alpha1)
        {
            yaml.Error(root.LocationOf("apiVersion"), $"apiVersion '{apiVersion}' is not supported; this build reads {Scenario.ApiVersionV1Alpha1}.");
        }

        var kind = root.String("kind", required: true, hint: $"write 'kind: {Scenario.ScenarioKind}'");
        if (kind is not null && kind != Scenario.ScenarioKind)
        {
            yaml.Error(root.LocationOf("kind"), $"kind '{kind}' is not a scenario; write 'kind: {Scenario.ScenarioKind}'.");
        }

        var name = root.String("name") ?? Path.GetFileNameWithoutExtension(yaml.File);
        var description = root.String("description");
        var repo = ReadRepo(root);
        var environment = root.String("environment");
        var alwaysApply = ReadManifestList(root, "alwaysApply");
        var layers = ReadLayers(root);
        var profiles = ReadProfiles(root, layers);
        var costGates = ReadCostGates(root);
        var groups = ReadGroups(root, layers);
        var externals = ReadExternals(root);
        var clusters = ReadClusters(root);
        var smoke = ReadSmoke(root, profiles);
        var probes = ReadProbes(root, profiles);
        var substrate = ReadSubstrate(root);
        var timeouts = ReadTimeouts(root);
        var suitesNode = root.Get("suites");
        JsonNode? suites = null;
        if (suitesNode is not null)
        {
            try
            {
                suites = yaml.ToJson(suitesNode);
            }
            catch (ScenarioException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        root.Done();
        if (errors.Count > 0 || repo is null)
        {
            throw new ScenarioException(errors.OrderBy(e => e.Location?.Line ?? 0).ToList());
        }

        return new Scenario(name, description, yaml.File, repo, environment, alwaysApply, layers, profiles, costGates, groups,
            externals, smoke, probes, substrate, timeouts, suites) { Clusters = clusters };
    }

    private ScenarioRepo? ReadRepo(YamlMap root)
    {
        var map = root.Map("repo", required: true);
        if (map is null)
        {
            return null;
        }

        var path = map.String("path", required: true, hint: "the platform repo directory, relative to this scenario file");
        var urls = map.StringList("urls");
        if (urls.Count == 0)
        {
            yaml.Error(map.Node, "repo needs 'urls': the canonical repoURL(s) the Applications use, e.g. [https://github.com/org/platform.git].");
        }

        foreach (var (url, node) in urls)
        {
            if (!LooksLikeRepoUrl(url))
            {
                yaml.Error(node, $"repo.urls entry '{url}' is not a repo URL; write it as Argo CD sees it (https://…, ssh://…, git@host:org/repo.git).");
            }
        }

        var revision = map.String("revision") ?? ScenarioRepo.DefaultRevision;
        map.Done();
        if (path is null)
        {
            return null;
        }

        var directory = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (!Directory.Exists(directory))
        {
            yaml.Error(map.LocationOf("path"), $"repo.path '{path}' resolves to {directory}, which is not a directory; set it relative to the scenario file.");
        }

        return new ScenarioRepo(directory, urls.Select(u => u.Value).ToList(), revision, map.Location);
    }

    private IReadOnlyList<ScenarioManifest> ReadManifestList(YamlMap map, string key)
    {
        var result = new List<ScenarioManifest>();
        foreach (var (value, node) in map.StringList(key))
        {
            var normalized = RepoTree.NormalizePath(value);
            if (normalized is null || normalized.Length == 0)
            {
                yaml.Error(node, $"manifest path '{value}' must be relative to the repo root and stay inside it (no leading '/', no '..' above the root).");
                continue;
            }

            result.Add(new ScenarioManifest(normalized, yaml.At(node)));
        }

        return result;
    }

    private static bool LooksLikeRepoUrl(string url) =>
        url.Contains("://", StringComparison.Ordinal) || (url.Contains('@', StringComparison.Ordinal) && url.Contains(':', StringComparison.Ordinal));

    private string? DnsName(YamlMap map, string key, string what)
    {
        var value = map.String(key, required: true);
        if (value is not null && !ScenarioParser.DnsLabel().IsMatch(value))
        {
            yaml.Error(map.LocationOf(key), $"{what} name '{value}' must be lower-case letters, digits and '-' (a DNS label).");
        }

        return value;
    }
}
