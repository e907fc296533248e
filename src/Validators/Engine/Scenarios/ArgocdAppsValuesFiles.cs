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

    /// <summary>
    /// The values files among <paramref name="candidates"/> that no argocd-apps source of <paramref name="argo"/> names.
    /// A file that a kustomization's <c>helmCharts</c> renders (<c>valuesFile</c>, <c>additionalValuesFiles</c>) is
    /// reported with that kustomization and chart — unless an Application renders that kustomization's directory.
    /// </summary>
    public static List<UnreferencedValues> Unreferenced(RepoTree repo, IEnumerable<string> candidates, IReadOnlyList<ManifestObject> argo, long maxBytes, IReadOnlyList<string>? repoFiles = null)
    {
        var named = argo.SelectMany(ValueFilesOfArgocdAppsSources).ToList();
        // Read the kustomizations and app paths only once a values file of that shape turns up (most repos have none).
        var chartUses = new Lazy<Dictionary<string, KustomizeChartUse>>(() => repoFiles is null ? [] : KustomizeChartUses(repo, repoFiles, maxBytes));
        var appPaths = new Lazy<HashSet<string>>(() => argo.SelectMany(SourcePaths).ToHashSet(StringComparer.Ordinal));
        var referenced = named.Where(f => !f.Contains("{{", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        // An ApplicationSet template names its value file with parameters ("$values/clusters/{{.name}}/apps.yaml"):
        // any file that fits the pattern may be installed by one of its Applications, so it is not reported.
        var templated = named.Where(f => f.Contains("{{", StringComparison.Ordinal)).Select(TemplatePattern).ToList();
        var result = new List<UnreferencedValues>();
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
                var use = chartUses.Value.GetValueOrDefault(file);
                if (use is not null && appPaths.Value.Contains(use.Directory))
                {
                    continue; // an Application renders the kustomization, chart and values file included
                }

                result.Add(new UnreferencedValues(file, line < 0 ? 1 : line + 1, ArgocdAppsChart.DeclaredNames(values), use));
            }
        }

        return result;
    }

    public static Finding ToFinding(UnreferencedValues file) => file.Use is { } use ? new(
        Argo008,
        Severity.Warning,
        $"{file.File} holds Argo CD objects ({Names(file.Names)}) that {use.Kustomization} renders with helmCharts {use.Describe()}, and no Application of this repository renders that kustomization (a bootstrap step applies it): these objects are not validated",
        new SourceLocation(file.File, file.Line, 1),
        $"To validate them, describe the bootstrap as an Application with source path {use.Directory} (Argo CD renders helmCharts when kustomize.buildOptions has --enable-helm: pass --kustomize-enable-helm) and supply the chart archive with --chart-cache; or commit the Applications themselves.")
        : new(
        Argo008,
        Severity.Warning,
        $"{file.File} holds values for argo-helm's argocd-apps chart ({Names(file.Names)}), but no Application in this repository installs that chart with it: these objects are not validated",
        new SourceLocation(file.File, file.Line, 1),
        $"If Argo CD should own them, commit an Application for chart {ArgocdAppsChart.ChartName} from https://argoproj.github.io/argo-helm with a ref source to this repository and valueFiles: [$values/{file.File}]; if a bootstrap script installs the chart, describe that Application so validate can follow it.");

    /// <summary>The "nothing found" message's note for a values file.</summary>
    public static string Seen(UnreferencedValues file) => file.Use is { } use
        ? $"{file.File} holds Argo CD objects ({Names(file.Names)}) that {use.Kustomization} renders with helmCharts {use.Describe()}, which no Application renders"
        : $"{file.File} holds argocd-apps chart values ({Names(file.Names)}) that no Application installs; add an Application for chart argocd-apps (https://argoproj.github.io/argo-helm) with valueFiles: [$values/{file.File}]";

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
        var sources = SourcesOf(o);
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

    /// <summary>The sources of an Application, or of an ApplicationSet's template (<c>source</c> and <c>sources</c>).</summary>
    private static List<JsonObject> SourcesOf(ManifestObject o)
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

        return sources;
    }

    /// <summary>Repo-relative source paths of an Application or ApplicationSet template (templated ones left out).</summary>
    private static IEnumerable<string> SourcePaths(ManifestObject o)
    {
        var sources = SourcesOf(o);
        foreach (var source in sources)
        {
            if (JsonRead.Str(source, "path") is { } path && !path.Contains("{{", StringComparison.Ordinal) && RepoTree.NormalizePath(path) is { } normalized)
            {
                yield return normalized;
            }
        }
    }

    /// <summary>Every values file a kustomization's helmCharts entry names, with the kustomization and the chart.</summary>
    private static Dictionary<string, KustomizeChartUse> KustomizeChartUses(RepoTree repo, IReadOnlyList<string> files, long maxBytes)
    {
        var uses = new Dictionary<string, KustomizeChartUse>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => Path.GetFileName(f) is "kustomization.yaml" or "kustomization.yml" or "Kustomization").Order(StringComparer.Ordinal))
        {
            if (!repo.TryReadFile(file, maxBytes, out var bytes, out _))
            {
                continue;
            }

            var (documents, findings) = YamlDocumentReader.Read(Encoding.UTF8.GetString(bytes), file, LoaderOptions.Default);
            if (findings.Count > 0 || documents.Count != 1 || documents[0].Root is not JsonObject root || root["helmCharts"] is not JsonArray charts)
            {
                continue;
            }

            var directory = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? string.Empty;
            foreach (var chart in charts.OfType<JsonObject>())
            {
                var use = new KustomizeChartUse(file, directory, JsonRead.Str(chart, "name") ?? "?", JsonRead.Str(chart, "version"), JsonRead.Str(chart, "repo"));
                var named = new List<string>();
                if (JsonRead.Str(chart, "valuesFile") is { } valuesFile)
                {
                    named.Add(valuesFile);
                }

                named.AddRange((chart["additionalValuesFiles"] as JsonArray ?? []).Select(JsonRead.Str).OfType<string>());
                foreach (var relative in named)
                {
                    if (RepoTree.NormalizePath(directory.Length == 0 ? relative : directory + "/" + relative) is { Length: > 0 } normalized)
                    {
                        uses.TryAdd(normalized, use);
                    }
                }
            }
        }

        return uses;
    }
}

/// <summary>An argocd-apps shaped values file nothing validated installs; <see cref="Use"/>: the kustomization helmCharts entry that renders it, if any.</summary>
internal sealed record UnreferencedValues(string File, int Line, IReadOnlyList<string> Names, KustomizeChartUse? Use);

/// <summary>A kustomization's helmCharts entry: where it is and which chart it inflates.</summary>
internal sealed record KustomizeChartUse(string Kustomization, string Directory, string Chart, string? Version, string? Repo)
{
    public string Describe() => Chart + (Version is null ? string.Empty : " " + Version) + (Repo is null ? string.Empty : $" ({Repo})");
}
