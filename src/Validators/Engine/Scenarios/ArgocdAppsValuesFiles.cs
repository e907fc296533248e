using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Values files of argo-helm's argocd-apps chart (<c>applications:</c> / <c>applicationsets:</c> / <c>projects:</c>
/// holding Argo CD specs) that no Application of the repo installs the chart with — typically installed by a
/// bootstrap script (<c>helm install … -f values.yaml</c>). Discovery cannot know they are deployed, so each one is
/// reported (ARGO008) instead of silently ignored, and the "nothing found" message names them.
/// </summary>
internal static class ArgocdAppsValuesFiles
{
    /// <summary>The finding ID: an argocd-apps values file that nothing in the repo installs.</summary>
    public const string Argo008 = "ARGO008";

    /// <summary>The values files among <paramref name="candidates"/> that no argocd-apps source of <paramref name="argo"/> names.</summary>
    public static List<(string File, int Line, IReadOnlyList<string> Names)> Unreferenced(RepoTree repo, IEnumerable<string> candidates, IReadOnlyList<ManifestObject> argo, long maxBytes)
    {
        var named = argo.SelectMany(ValueFilesOfArgocdAppsSources).ToList();
        var referenced = named.Where(f => !f.Contains("{{", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        // An ApplicationSet template names its value file with parameters ("$values/clusters/{{.name}}/apps.yaml"):
        // any file that fits the pattern may be installed by one of its Applications, so it is not reported.
        var templated = named.Where(f => f.Contains("{{", StringComparison.Ordinal)).Select(TemplatePattern).ToList();
        var result = new List<(string, int, IReadOnlyList<string>)>();
        foreach (var file in candidates)
        {
            if (referenced.Contains(file) || templated.Any(p => p.IsMatch(file)) || !repo.TryReadFile(file, maxBytes, out var bytes, out _))
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(bytes);
            var (documents, findings) = YamlDocumentReader.Read(text, file, LoaderOptions.Default);
            if (findings.Count > 0 || documents.Count != 1 || documents[0].Root is not JsonObject root || root.ContainsKey("kind"))
            {
                continue;
            }

            if (GoValues.FromJson(root) is Dictionary<string, object?> values && ArgocdAppsChart.LooksLikeValues(values))
            {
                var lines = text.Split('\n');
                var line = Array.FindIndex(lines, l => ArgocdAppsChart.Sections.Any(s => l.StartsWith(s + ":", StringComparison.Ordinal)));
                result.Add((file, line < 0 ? 1 : line + 1, ArgocdAppsChart.DeclaredNames(values)));
            }
        }

        return result;
    }

    public static Finding ToFinding((string File, int Line, IReadOnlyList<string> Names) file) => new(
        Argo008,
        Severity.Warning,
        $"{file.File} holds values for argo-helm's argocd-apps chart ({Names(file.Names)}), but no Application in this repository installs that chart with it: these objects are not validated",
        new SourceLocation(file.File, file.Line, 1),
        $"If Argo CD should own them, commit an Application for chart {ArgocdAppsChart.ChartName} from https://argoproj.github.io/argo-helm with a ref source to this repository and valueFiles: [$values/{file.File}]; if a bootstrap script installs the chart, describe that Application so validate can follow it.");

    /// <summary>The "nothing found" message's note for a values file.</summary>
    public static string Seen((string File, int Line, IReadOnlyList<string> Names) file) =>
        $"{file.File} holds argocd-apps chart values ({Names(file.Names)}) that no Application installs; add an Application for chart argocd-apps (https://argoproj.github.io/argo-helm) with valueFiles: [$values/{file.File}]";

    /// <summary>A value-file path with <c>{{…}}</c> parameters as a pattern: each parameter stands for any non-empty text.</summary>
    private static System.Text.RegularExpressions.Regex TemplatePattern(string path)
    {
        var pattern = new StringBuilder("^");
        var rest = path;
        while (rest.IndexOf("{{", StringComparison.Ordinal) is var open and >= 0)
        {
            pattern.Append(System.Text.RegularExpressions.Regex.Escape(rest[..open])).Append(".+");
            var close = rest.IndexOf("}}", open + 2, StringComparison.Ordinal);
            rest = close < 0 ? string.Empty : rest[(close + 2)..];
        }

        pattern.Append(System.Text.RegularExpressions.Regex.Escape(rest)).Append('$');
        return new System.Text.RegularExpressions.Regex(pattern.ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 4 ? string.Join(", ", names) : string.Join(", ", names.Take(4)) + $", … {names.Count - 4} more";

    /// <summary>The repo-relative value files (<c>$ref/</c> prefix dropped) of every argocd-apps source of an Application or ApplicationSet template.</summary>
    private static IEnumerable<string> ValueFilesOfArgocdAppsSources(ManifestObject o)
    {
        var spec = o.Body["spec"] as JsonObject;
        if (ArgoKinds.IsApplicationSet(o))
        {
            spec = (spec?["template"] as JsonObject)?["spec"] as JsonObject;
        }

        var sources = new List<JsonObject>();
        if (spec?["source"] is JsonObject single)
        {
            sources.Add(single);
        }

        if (spec?["sources"] is JsonArray many)
        {
            sources.AddRange(many.OfType<JsonObject>());
        }

        foreach (var source in sources.Where(s => s["chart"] is JsonValue c && c.TryGetValue<string>(out var chart) && chart == ArgocdAppsChart.ChartName))
        {
            foreach (var v in (source["helm"] as JsonObject)?["valueFiles"] as JsonArray ?? [])
            {
                if (v is JsonValue jv && jv.TryGetValue<string>(out var raw))
                {
                    var path = raw.StartsWith('$') ? (raw.Contains('/', StringComparison.Ordinal) ? raw[(raw.IndexOf('/', StringComparison.Ordinal) + 1)..] : string.Empty) : raw;
                    if (RepoTree.NormalizePath(path) is { Length: > 0 } normalized)
                    {
                        yield return normalized;
                    }
                }
            }
        }
    }
}
