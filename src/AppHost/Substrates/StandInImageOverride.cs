using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;
using PlatformValidation.Validators.Scenarios;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// Replaces the model server's image by a stand-in through the Application's own override mechanism
/// (ARCHITECTURE "GPU-shaped CPU substrate"): for every Application (or ApplicationSet template) whose kustomize
/// source renders a container image matching a scenario <c>substrate.images</c> rule, it adds a
/// <c>spec.source.kustomize.images</c> entry (<c>name=newName:newTag</c>) to the Application in the served snapshot.
/// The workload manifests themselves stay exactly as in Git. Sources it cannot override (plain directories, helm
/// charts without a declared parameter) are reported, never silently skipped.
/// </summary>
public static class StandInImageOverride
{
    /// <summary>One override applied (or not) to an app.</summary>
    public sealed record Result(string File, string App, string Image, string StandIn, bool Applied, string? Why);

    /// <summary>Plans and applies the overrides in the snapshot at <paramref name="root"/>.</summary>
    public static IReadOnlyList<Result> Apply(string root, IReadOnlyList<ImageOverride> rules, IReadOnlyDictionary<string, string> standInImages)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(standInImages);
        var results = new List<Result>();
        if (rules.Count == 0)
        {
            return results;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.y*ml", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("argoproj.io", StringComparison.Ordinal))
            {
                continue;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                continue; // the static path reports unparsable files
            }

            var changed = false;
            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is not YamlMappingNode map || Scalar(map, "kind") is not ("Application" or "ApplicationSet"))
                {
                    continue;
                }

                var spec = Child(map, "spec");
                var appName = Scalar(Child(map, "metadata"), "name") ?? "(unnamed)";
                if (Scalar(map, "kind") == "ApplicationSet")
                {
                    spec = Child(Child(spec, "template"), "spec");
                }

                var source = Child(spec, "source");
                var path = Scalar(source, "path");
                if (source is null || path is null || path.Contains("{{", StringComparison.Ordinal))
                {
                    continue;
                }

                var dir = Path.Combine(root, path);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var (image, rule) in ImagesUnder(dir, rules))
                {
                    var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
                    var standIn = standInImages.TryGetValue(rule.ReplaceWith, out var s) ? s : rule.ReplaceWith;
                    if (!IsKustomization(dir))
                    {
                        results.Add(new Result(rel, appName, image, standIn, false, $"the source path {path} is not a kustomization, so Argo CD has no image override for it; render it through kustomize (a kustomization.yaml listing the files) to let the harness swap the image"));
                        continue;
                    }

                    var kustomize = Child(source, "kustomize") ?? Add(source, "kustomize");
                    var images = Child(kustomize, "images") as YamlNode ?? null;
                    if (images is not YamlSequenceNode seq)
                    {
                        seq = new YamlSequenceNode();
                        kustomize.Children[new YamlScalarNode("images")] = seq;
                    }

                    var entry = $"{ImageName(image)}={standIn}";
                    if (!seq.Children.OfType<YamlScalarNode>().Any(n => n.Value == entry))
                    {
                        seq.Children.Add(new YamlScalarNode(entry));
                        changed = true;
                    }

                    results.Add(new Result(rel, appName, image, standIn, true, null));
                }
            }

            if (changed)
            {
                using var writer = new StringWriter();
                stream.Save(writer, assignAnchors: false);
                File.WriteAllText(file, writer.ToString());
            }
        }

        return results;
    }

    /// <summary>The image name without tag or digest (<c>vllm/vllm-openai:v0.11.0</c> → <c>vllm/vllm-openai</c>).</summary>
    public static string ImageName(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var noDigest = at >= 0 ? image[..at] : image;
        var colon = noDigest.LastIndexOf(':');
        return colon > noDigest.LastIndexOf('/') ? noDigest[..colon] : noDigest;
    }

    private static IEnumerable<(string Image, ImageOverride Rule)> ImagesUnder(string dir, IReadOnlyList<ImageOverride> rules)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var loader = new ManifestLoader();
        var repo = RepoTree.Open(dir);
        foreach (var obj in loader.LoadDirectory(repo, string.Empty, recursive: true).Objects)
        {
            foreach (var image in Images(obj.Body))
            {
                var rule = rules.FirstOrDefault(r => GlobPattern.Compile(r.Match).IsMatch(image));
                if (rule is not null && found.Add(image))
                {
                    yield return (image, rule);
                }
            }
        }
    }

    private static IEnumerable<string> Images(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "image" && value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        yield return s;
                    }

                    foreach (var nested in Images(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var nested in Images(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    private static bool IsKustomization(string dir) =>
        File.Exists(Path.Combine(dir, "kustomization.yaml")) || File.Exists(Path.Combine(dir, "kustomization.yml")) || File.Exists(Path.Combine(dir, "Kustomization"));

    private static YamlMappingNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlMappingNode : null;

    private static YamlMappingNode Add(YamlMappingNode map, string key)
    {
        var child = new YamlMappingNode();
        map.Children[new YamlScalarNode(key)] = child;
        return child;
    }

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
}
