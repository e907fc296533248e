using System.Text.Json.Nodes;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// The objects <c>make root PROFILE=…</c> applies, in order: the common manifests (the AppProject), then each
/// layer's manifests. Read from the served copy of the repo, so that rewrites made for the substrate (repoURLs,
/// stand-in images) are what gets applied.
/// </summary>
public static class ProfileManifests
{
    /// <summary>The objects of the common manifests and of every layer of <paramref name="profile"/>, by layer, in apply order.</summary>
    public static IReadOnlyList<(string Layer, JsonObject Body)> Load(RunContext ctx, ProfileDefinition profile)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(profile);
        var result = new List<(string, JsonObject)>();
        foreach (var path in profile.CommonManifests)
        {
            result.AddRange(LoadPath(ctx, path).Select(o => (ProfileDefinition.CommonLayer, o)));
        }

        foreach (var layer in profile.Layers)
        {
            result.AddRange(LayerObjects(ctx, layer).Select(o => (layer.Name, o)));
        }

        return result;
    }

    /// <summary>The objects of one layer's manifests.</summary>
    public static IReadOnlyList<JsonObject> LayerObjects(RunContext ctx, LayerDefinition layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer.Manifests.SelectMany(p => LoadPath(ctx, p)).ToList();
    }

    /// <summary>The layer definition of <paramref name="layer"/> in any profile of the scenario.</summary>
    public static LayerDefinition Layer(LiveScenario scenario, string layer)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Profiles.SelectMany(p => p.Layers).FirstOrDefault(l => l.Name == layer)
            ?? throw new ScenarioRunException($"Layer '{layer}' is not part of any profile of scenario '{scenario.Name}' (layers: {string.Join(", ", scenario.Profiles.SelectMany(p => p.Layers).Select(l => l.Name).Distinct())}).");
    }

    private static IEnumerable<JsonObject> LoadPath(RunContext ctx, string path)
    {
        var root = ctx.Substrate.Repo?.WorkingDirectory ?? ctx.Scenario.RepoDirectory;
        var repo = RepoTree.Open(root);
        var loader = new ManifestLoader();
        var result = repo.DirectoryExists(path) ? loader.LoadDirectory(repo, path, recursive: false) : loader.LoadFile(repo, path);
        if (result.HasErrors)
        {
            var first = result.Findings.First(f => f.Severity == Findings.Severity.Error);
            throw new ScenarioRunException($"{first.Location}: {first.Message} (manifest '{path}' of scenario '{ctx.Scenario.Name}'; fix the file or the scenario's layer list).");
        }

        if (result.Objects.Count == 0)
        {
            throw new ScenarioRunException($"Manifest '{path}' of scenario '{ctx.Scenario.Name}' holds no object (checked in {root}); fix the scenario's layer list.");
        }

        return result.Objects.Select(o => (JsonObject)o.Body.DeepClone());
    }
}
