using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>PIN001: container images tagged <c>latest</c> or untagged, and Helm chart versions that are ranges, wildcards or missing.</summary>
public sealed partial class PinningAnalyzer : IStaticAnalyzer
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seen = new HashSet<SourceLocation>();
        foreach (var (app, _) in context.DistinctApps())
        {
            foreach (var source in app.Model.Sources.Where(s => s.Chart is not null))
            {
                var pointer = source.Pointer + "/targetRevision";
                var written = JsonPointer.Resolve(app.Manifest.Body, pointer) is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
                if (string.IsNullOrEmpty(written) || !PinnedVersion().IsMatch(written))
                {
                    yield return AppFindings.Create(FindingIds.Pin001,
                        $"Helm chart {source.Chart} of app {app.Name} is {(string.IsNullOrEmpty(written) ? "not pinned (no targetRevision)" : $"pinned to the range '{written}'")}, so a re-sync may install a different chart.",
                        app.Manifest.LocationOf(pointer), $"Set targetRevision to one exact chart version (e.g. 1.16.2).", app.Name, severity: Severity.Warning);
                }
            }

            foreach (var obj in app.Resources)
            {
                foreach (var (image, pointer) in Images(obj.Body, string.Empty))
                {
                    var problem = ImageProblem(image);
                    if (problem is not null && seen.Add(obj.LocationOf(pointer)))
                    {
                        yield return AppFindings.Create(FindingIds.Pin001,
                            $"{obj.Kind} {obj.Name} of app {app.Name} uses image {image}, which is {problem}: what runs changes without a commit.",
                            obj.LocationOf(pointer), "Pin the image to a version tag (e.g. :1.2.3) or a digest (@sha256:…).", app.Name, severity: Severity.Warning);
                    }
                }
            }
        }
    }

    /// <summary>Why an image reference is not pinned, or null when it is.</summary>
    public static string? ImageProblem(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= slash)
        {
            return "untagged (means latest)";
        }

        return image[(colon + 1)..] == "latest" ? "tagged latest" : null;
    }

    private static List<(string Image, string Pointer)> Images(JsonNode? node, string pointer)
    {
        var found = new List<(string, string)>();
        Walk(node, [], found);
        return found;
    }

    // Walks without building pointer strings for every node; pointers are built for images only.
    private static void Walk(JsonNode? node, List<string> path, List<(string, string)> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is JsonArray containers && ContainerLists.Contains(key))
                    {
                        for (var i = 0; i < containers.Count; i++)
                        {
                            if (containers[i]?["image"] is JsonValue iv && iv.TryGetValue<string>(out var image) && !image.Contains("{{", StringComparison.Ordinal))
                            {
                                found.Add((image, string.Concat(path.Select(t => "/" + JsonPointer.Escape(t))) + "/" + JsonPointer.Escape(key) + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/image"));
                            }
                        }
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        path.Add(key);
                        Walk(value, path, found);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Walk(a[i], path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }

    [GeneratedRegex(@"^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]+)?$")]
    private static partial Regex PinnedVersion();
}
