using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// The argo-helm <c>argocd-apps</c> chart (https://argoproj.github.io/argo-helm), expanded without the chart: its
/// values hold the platform's Applications, ApplicationSets and AppProjects, and the chart only copies them into
/// objects. The rule follows the chart's templates (applications.yaml, applicationsets.yaml, projects.yaml,
/// extensions.yaml, item-templates.yaml) of version 2.0.5 for the map form (2.x: <c>applications.NAME: spec</c>) and
/// 1.6.2 for the list form (1.x: <c>applications: [{name: …}]</c>); docs/helm.md describes it. A real chart archive in
/// the chart cache always wins over this expansion.
/// </summary>
public static partial class ArgocdAppsChart
{
    /// <summary>The chart's name.</summary>
    public const string ChartName = "argocd-apps";

    /// <summary>The chart versions whose templates this expansion follows.</summary>
    public const string FollowedVersions = "2.0.5 (map form) and 1.6.2 (list form)";

    /// <summary>The top-level values the chart reads.</summary>
    public static readonly IReadOnlyList<string> Sections = ["applications", "applicationsets", "projects", "extensions", "itemTemplates"];

    private const string ArgoApi = "argoproj.io/v1alpha1";

    /// <summary>True for chart <c>argocd-apps</c> from argo-helm (the Helm repository or its OCI mirror).</summary>
    public static bool Matches(string? repoUrl, string? chart)
    {
        if (!string.Equals(chart, ChartName, StringComparison.Ordinal) || string.IsNullOrEmpty(repoUrl))
        {
            return false;
        }

        var url = repoUrl.Trim().TrimEnd('/').ToLowerInvariant();
        return url.Contains("argo-helm", StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="values"/> has the shape of an argocd-apps values file (a non-empty section of Argo CD specs).</summary>
    public static bool LooksLikeValues(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Entries(values, "applications").Any(e => e.Body is IDictionary<string, object?> d && (d.ContainsKey("destination") || d.ContainsKey("source") || d.ContainsKey("sources")))
            || Entries(values, "applicationsets").Any(e => e.Body is IDictionary<string, object?> d && (d.ContainsKey("generators") || d.ContainsKey("template")))
            || Entries(values, "projects").Any(e => e.Body is IDictionary<string, object?> d && (d.ContainsKey("sourceRepos") || d.ContainsKey("destinations")));
    }

    /// <summary>The names of the objects a values file declares, per section (for messages).</summary>
    public static IReadOnlyList<string> DeclaredNames(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Sections.Take(3).SelectMany(s => Entries(values, s).Select(e => $"{s}.{e.Name}")).ToList();
    }

    /// <summary>
    /// Expands <paramref name="values"/> (the user's values, already merged in Argo CD's order) as the chart version
    /// <paramref name="chartVersion"/> would render them. <paramref name="valueTexts"/> (repo-relative file, text) locate
    /// each object at the value file line that declares it. Throws <see cref="HelmChartException"/> where the chart fails.
    /// </summary>
    public static List<ManifestObject> Expand(
        Dictionary<string, object?> values,
        string? chartVersion,
        HelmRenderRequest request,
        IReadOnlyList<(string File, string Text)> valueTexts,
        string fallbackFile,
        ManifestLoader loader)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(valueTexts);
        ArgumentNullException.ThrowIfNull(loader);
        var (objects, itemTexts) = Build(values, chartVersion, request);
        var result = new List<ManifestObject>();
        foreach (var (body, section, name) in objects)
        {
            var location = Locate(valueTexts, section, name, fallbackFile);
            var loaded = loader.LoadText(body.ToJsonString(), location.File);
            if (loaded.Findings.Count > 0)
            {
                throw new HelmChartException($"argocd-apps: {section}.{name} does not make a valid manifest: {loaded.Findings[0].Message}");
            }

            result.AddRange(loaded.Objects.Select(o => o with { Location = location, Locations = null }));
        }

        foreach (var (text, index) in itemTexts.Select((t, i) => (t, i)))
        {
            var location = Locate(valueTexts, "itemTemplates", string.Empty, fallbackFile);
            var loaded = loader.LoadText(text, location.File);
            if (loaded.Findings.Count > 0)
            {
                throw new HelmChartException($"argocd-apps: itemTemplates output {index + 1} does not parse: {loaded.Findings[0].Message}");
            }

            result.AddRange(loaded.Objects.Select(o => o with { Location = location, Locations = null }));
        }

        return result;
    }

    /// <summary>
    /// argocd-apps as a dependency of a repository chart (a wrapper chart) that is not vendored in charts/: the
    /// dependency is taken out so the rest of the chart renders, and <see cref="RenderText"/> writes its part.
    /// </summary>
    public static (HelmChart Chart, HelmDependency? BuiltIn) SplitDependency(HelmChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var dep = chart.Dependencies.FirstOrDefault(d => Matches(d.Repository, d.Name) && !chart.Subcharts.Any(s => s.Name == d.Name));
        return dep is null ? (chart, null) : (chart with { Dependencies = chart.Dependencies.Where(d => d != dep).ToList() }, dep);
    }

    /// <summary>The chart's output for <paramref name="values"/> as YAML documents (what its templates would print).</summary>
    public static string RenderText(Dictionary<string, object?> values, string? chartVersion, HelmRenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(request);
        var (objects, itemTexts) = Build(values, chartVersion, request);
        var sb = new System.Text.StringBuilder();
        foreach (var (body, _, _) in objects)
        {
            sb.Append("---\n").Append(GoYaml.Marshal(GoValues.FromJson(body)));
        }

        foreach (var text in itemTexts)
        {
            sb.Append("---\n").Append(text).Append('\n');
        }

        return sb.ToString();
    }

    private static (List<(JsonObject Body, string Section, string Name)> Objects, List<string> ItemTexts) Build(Dictionary<string, object?> values, string? chartVersion, HelmRenderRequest request)
    {
        try
        {
            return BuildCore(values, chartVersion, request);
        }
        catch (GoTemplateException ex)
        {
            throw new HelmChartException("argocd-apps: " + ex.Message, ex);
        }
    }

    private static (List<(JsonObject Body, string Section, string Name)> Objects, List<string> ItemTexts) BuildCore(Dictionary<string, object?> values, string? chartVersion, HelmRenderRequest request)
    {
        var mapForm = UsesMapForm(values, chartVersion);
        var context = RootContext(values, request, chartVersion);
        var objects = new List<(JsonObject Body, string Section, string Name)>();
        foreach (var (section, build) in new (string, Func<string, object?, bool, Dictionary<string, object?>, JsonObject>)[]
        {
            ("projects", Project), ("applications", Application), ("applicationsets", ApplicationSet), ("extensions", Extension),
        })
        {
            foreach (var entry in SectionEntries(values, section, mapForm))
            {
                objects.Add((build(entry.Name, entry.Body, mapForm, context), section, entry.Name));
            }
        }

        return (objects, ItemTemplates(values, context).ToList());
    }

    /// <summary>
    /// 2.x ranges over maps (the key is the name), 1.x over lists (each item has <c>name</c>). The chart version decides
    /// when targetRevision is a version; a constraint or no version goes by the shape of the values. A values file in
    /// the other form is refused: the chart would render it into nameless objects, or objects named 0, 1, ….
    /// </summary>
    private static bool UsesMapForm(Dictionary<string, object?> values, string? chartVersion)
    {
        var lists = Sections.Take(4).Where(s => values.TryGetValue(s, out var v) && v is List<object?> { Count: > 0 }).ToList();
        var maps = Sections.Take(4).Where(s => values.TryGetValue(s, out var v) && v is IDictionary<string, object?> { Count: > 0 }).ToList();
        bool? byVersion = null;
        if (!string.IsNullOrEmpty(chartVersion))
        {
            try
            {
                byVersion = GoSemver.Parse(chartVersion.TrimStart('v')).Major >= 2;
            }
            catch (GoTemplateException)
            {
                // A constraint (2.*, >=1.0.0): go by the shape.
            }
        }

        var mapForm = byVersion ?? lists.Count == 0;
        if (mapForm && lists.Count > 0)
        {
            throw new HelmChartException($"argocd-apps {chartVersion}: {string.Join(", ", lists)} is a list (the 1.x form), but chart 2.x takes a map of name → spec and would create objects named 0, 1, …; write `applications:\\n  NAME: {{...}}` or pin targetRevision to 1.x");
        }

        if (!mapForm && maps.Count > 0)
        {
            throw new HelmChartException($"argocd-apps {chartVersion}: {string.Join(", ", maps)} is a map (the 2.x form), but chart 1.x takes a list of specs with a name each and would create nameless objects; write a list or use targetRevision 2.x");
        }

        return mapForm;
    }

    private static IEnumerable<(string Name, object? Body)> Entries(IDictionary<string, object?> values, string section) =>
        values.TryGetValue(section, out var v) ? v switch
        {
            IDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)),
            List<object?> list => list.Select(item => (item is IDictionary<string, object?> d && d.TryGetValue("name", out var n) ? GoValues.ToStr(n) : string.Empty, item)),
            _ => [],
        } : [];

    /// <summary>2.x skips an entry that is empty (<c>if not $appData</c>, 2.0.3+); 1.x fails on a null item, as its template would.</summary>
    private static IEnumerable<(string Name, object? Body)> SectionEntries(Dictionary<string, object?> values, string section, bool mapForm)
    {
        foreach (var (name, body) in Entries(values, section))
        {
            if (mapForm && !GoValues.IsTrue(body))
            {
                continue;
            }

            if (body is not IDictionary<string, object?>)
            {
                throw new HelmChartException($"argocd-apps: {section} entry '{name}' is not a mapping (nil pointer evaluating interface {{}}.name); give it its fields or remove it");
            }

            yield return (name, body);
        }
    }

    private static Dictionary<string, object?> RootContext(Dictionary<string, object?> values, HelmRenderRequest request, string? chartVersion)
    {
        var coalesced = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["applications"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["applicationsets"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["projects"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["extensions"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["itemTemplates"] = new List<object?>(),
        };
        HelmValues.Merge(coalesced, values);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = coalesced,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = request.ReleaseName, ["Namespace"] = request.Namespace, ["Service"] = "Helm", ["IsInstall"] = true, ["IsUpgrade"] = false, ["Revision"] = 1L,
            },
            ["Chart"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = ChartName, ["Version"] = chartVersion ?? string.Empty, ["APIVersion"] = "v2" },
            ["Capabilities"] = HelmCapabilities.Build(request.KubeVersion, request.ApiVersions),
        };
    }

    /// <summary><c>tpl $appData.project $</c>: the project may be a template over the release's values; a missing project fails as tpl does.</summary>
    private static string Tpl(object? text, Dictionary<string, object?> context, string section, string name)
    {
        if (text is not string s)
        {
            throw new HelmChartException($"argocd-apps: {section}.{name}.project is {(text is null ? "missing" : "not a string")} (the chart passes it to tpl: error calling tpl: expected string); set project: NAME");
        }

        return s.Contains("{{", StringComparison.Ordinal) ? Execute("argocd-apps/templates/applications.yaml", s, context) : s;
    }

    /// <summary>
    /// itemTemplates: each item (a map, given <c>.Template</c>) renders the entry's template — a string, or a mapping
    /// first written out with toYaml — through tpl, one document per item.
    /// </summary>
    private static IEnumerable<string> ItemTemplates(Dictionary<string, object?> values, Dictionary<string, object?> context)
    {
        if (!values.TryGetValue("itemTemplates", out var raw) || raw is not List<object?> entries)
        {
            yield break;
        }

        const string templateName = "argocd-apps/templates/item-templates.yaml";
        var templateInfo = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = templateName, ["BasePath"] = "argocd-apps/templates" };
        foreach (var entry in entries.OfType<IDictionary<string, object?>>())
        {
            var template = Get(entry, "template") is string s ? s : GoYaml.Marshal(Get(entry, "template")).TrimEnd('\n');
            // range .items: a list in order, a map's values by key, nothing for nil; anything else is range's error.
            var items = Get(entry, "items") switch
            {
                null => [],
                List<object?> list => list,
                IDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList(),
                var other => throw new HelmChartException($"argocd-apps: itemTemplates items: range can't iterate over {GoValues.Print(other)}"),
            };
            foreach (var item in items)
            {
                if (item is not Dictionary<string, object?> data)
                {
                    throw new HelmChartException("argocd-apps: an itemTemplates item is not a mapping (error calling set: the first argument must be a map)");
                }

                data["Template"] = templateInfo;
                yield return Execute(templateName, template, data);
            }
        }
    }

    private static string Execute(string name, string text, object? data)
    {
        try
        {
            var set = HelmFunctions.NewSet();
            set.Parse(name, text);
            return set.Execute(name, data).Replace("<no value>", string.Empty, StringComparison.Ordinal);
        }
        catch (GoTemplateException ex)
        {
            throw new HelmChartException($"argocd-apps: error calling tpl: {ex.Message}", ex);
        }
    }

    /// <summary>The value file (and line) that declares <paramref name="section"/>.<paramref name="name"/>; the last file that mentions it wins, as its value does.</summary>
    private static SourceLocation Locate(IReadOnlyList<(string File, string Text)> valueTexts, string section, string name, string fallbackFile)
    {
        for (var i = valueTexts.Count - 1; i >= 0; i--)
        {
            var lines = valueTexts[i].Text.Split('\n');
            var start = Array.FindIndex(lines, l => l.StartsWith(section + ":", StringComparison.Ordinal));
            if (start < 0)
            {
                continue;
            }

            if (name.Length == 0)
            {
                return new SourceLocation(valueTexts[i].File, start + 1, 1);
            }

            for (var j = start + 1; j < lines.Length && (lines[j].Length == 0 || !char.IsLetter(lines[j][0])); j++)
            {
                var t = lines[j].Trim().TrimStart('-').Trim();
                if (t.StartsWith(name + ":", StringComparison.Ordinal) || t.StartsWith($"\"{name}\":", StringComparison.Ordinal) || t == "name: " + name || t == $"name: \"{name}\"")
                {
                    return new SourceLocation(valueTexts[i].File, j + 1, 1);
                }
            }
        }

        return SourceLocation.OfFile(fallbackFile);
    }
}
