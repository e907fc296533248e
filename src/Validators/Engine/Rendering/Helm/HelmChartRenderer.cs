using System.Text.RegularExpressions;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// Renders a loaded chart in process, as <c>helm template</c> does [helm pkg/action/install.go, pkg/engine/engine.go,
/// pkg/chart/v2/util/dependencies.go, pkg/release/v1/util/manifest_sorter.go]: dependencies resolved (alias,
/// condition, tags, import-values), values coalesced and checked against values.schema.json, every template of the
/// chart and its subcharts parsed into one set (deeper files first, so the top chart's defines win), each non-partial
/// template of a non-library chart executed with its chart's scope, then the output split on <c>---</c>, hooks set
/// apart and manifests ordered by kind. Thread-safe; runs on its own thread with a large stack so deep include
/// nesting reaches Helm's limit instead of overflowing.
/// </summary>
public static partial class HelmChartRenderer
{
    private const int StackBytes = 256 * 1024 * 1024;

    /// <summary>
    /// Renders <paramref name="chart"/>. Throws <see cref="HelmChartException"/> with Helm-like messages. When the
    /// templates call functions whose value Argo CD would draw anew on every render (randAlphaNum, genCA, now, …), the
    /// chart renders a second time with other values for them; if the output differs, the functions called are listed
    /// in <see cref="HelmRenderOutput.VolatileFunctions"/> (a chart that only falls back to them, such as
    /// <c>default (randAlphaNum 16) .Values.password</c> with a password given, is stable and not listed).
    /// </summary>
    public static HelmRenderOutput Render(HelmChart chart, HelmRenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(request);
        var (output, calls) = RenderOnThread(chart, request, variant: 0);
        if (calls.Count == 0)
        {
            return output;
        }

        try
        {
            var (again, _) = RenderOnThread(chart, request, variant: 1);
            return again.ToText() == output.ToText() ? output : output with { VolatileFunctions = [.. calls] };
        }
        catch (HelmChartException)
        {
            return output with { VolatileFunctions = [.. calls] }; // other values made it fail: the output depends on them
        }
    }

    private static (HelmRenderOutput Output, SortedSet<string> Calls) RenderOnThread(HelmChart chart, HelmRenderRequest request, int variant)
    {
        HelmRenderOutput? result = null;
        Exception? failure = null;
        var calls = new SortedSet<string>(StringComparer.Ordinal);
        var thread = new Thread(
            () =>
            {
                try
                {
                    // The render thread collects the volatile functions the templates call (see GoFunctions.VolatileCalls).
                    GoFunctions.VolatileCalls = calls;
                    GoFunctions.Variant = variant;
                    result = RenderCore(chart, request);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            StackBytes)
        { IsBackground = true, Name = "helm-render" };
        thread.Start();
        thread.Join();
        return failure switch
        {
            null => (result!, calls),
            HelmChartException h => throw h,
            GoTemplateException g => throw new HelmChartException(g.Message, g),
            _ => throw new HelmChartException($"rendering chart {chart.Name} failed: {failure.Message}", failure),
        };
    }

    private static HelmRenderOutput RenderCore(HelmChart root, HelmRenderRequest request)
    {
        var capabilities = HelmCapabilities.Build(request.KubeVersion, request.ApiVersions);
        CheckKubeVersion(root, (string)((Dictionary<string, object?>)capabilities["KubeVersion"]!)["Version"]!);
        // argo-helm's argocd-apps as a dependency that is not vendored: expanded built in, the rest of the chart renders.
        var (withoutBuiltIn, builtIn) = ArgocdAppsChart.SplitDependency(root);
        if (request.OmitMissingDependencies)
        {
            withoutBuiltIn = withoutBuiltIn with { Dependencies = withoutBuiltIn.Dependencies.Where(d => withoutBuiltIn.Subcharts.Any(s => s.Name == d.Name)).ToList() };
        }

        var chart = HelmDependencies.Resolve(withoutBuiltIn, request.Values);
        var values = HelmValues.Coalesce(chart, request.Values);
        HelmSchema.Check(chart, values);

        var release = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = request.ReleaseName,
            ["Namespace"] = request.Namespace,
            ["Service"] = "Helm",
            ["IsInstall"] = true,
            ["IsUpgrade"] = false,
            ["Revision"] = 1L,
        };

        // Every chart's templates, named path/templates/file, with the data its scope sees.
        var scopes = new List<(string Name, string Text, Dictionary<string, object?>? Data, string BasePath)>();
        var crds = new List<HelmChartFile>();
        Collect(chart, chart.Name, values, release, capabilities, scopes, crds);

        var set = HelmFunctions.NewSet();
        foreach (var t in scopes.OrderByDescending(s => s.Name.Count(c => c == '/')).ThenByDescending(s => s.Name, StringComparer.Ordinal))
        {
            try
            {
                set.Parse(t.Name, t.Text);
            }
            catch (GoTemplateException ex)
            {
                throw new HelmChartException($"parse error at ({ParseLocation(ex.Message, t.Name)}): {ParseMessage(ex.Message)}", ex);
            }
        }

        var rendered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in scopes.Where(s => s.Data is not null))
        {
            var data = new Dictionary<string, object?>(t.Data!, StringComparer.Ordinal)
            {
                ["Template"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = t.Name, ["BasePath"] = t.BasePath },
            };
            rendered[t.Name] = set.Execute(t.Name, data).Replace("<no value>", string.Empty, StringComparison.Ordinal);
        }

        if (builtIn is not null && HelmDependencies.IsEnabled(builtIn, string.Empty, values))
        {
            var name = string.IsNullOrEmpty(builtIn.Alias) ? builtIn.Name : builtIn.Alias;
            var subValues = values.TryGetValue(name, out var v) && v is Dictionary<string, object?> m ? m : new Dictionary<string, object?>(StringComparer.Ordinal);
            rendered[$"{chart.Name}/charts/{name}/templates/argocd-apps.yaml"] = ArgocdAppsChart.RenderText(subValues, builtIn.Version, request);
        }

        return HelmManifests.Sort(rendered, request, crds);
    }

    private static void Collect(
        HelmChart chart,
        string path,
        Dictionary<string, object?> values,
        Dictionary<string, object?> release,
        Dictionary<string, object?> capabilities,
        List<(string, string, Dictionary<string, object?>?, string)> scopes,
        List<HelmChartFile> crds)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Release"] = release,
            ["Chart"] = chart.Metadata,
            ["Capabilities"] = capabilities,
            ["Files"] = new HelmFiles(chart.Files),
            ["Subcharts"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        };
        foreach (var t in chart.Templates)
        {
            var name = path + "/" + t.Name;
            var renders = !chart.IsLibrary && !System.IO.Path.GetFileName(t.Name).StartsWith('_') && System.IO.Path.GetFileName(t.Name) != "NOTES.txt";
            scopes.Add((name, t.Text, renders ? data : null, path + "/templates"));
        }

        crds.AddRange(chart.Crds.Select(c => c with { Name = path + "/" + c.Name }));
        foreach (var sub in chart.Subcharts)
        {
            var subValues = values.TryGetValue(sub.Name, out var v) && v is Dictionary<string, object?> m ? m : new Dictionary<string, object?>(StringComparer.Ordinal);
            Collect(sub, path + "/charts/" + sub.Name, subValues, release, capabilities, scopes, crds);
        }
    }

    /// <summary>Chart.yaml <c>kubeVersion</c>: a constraint the target Kubernetes version must meet [action.Install].</summary>
    private static void CheckKubeVersion(HelmChart chart, string kubeVersion)
    {
        if (chart.Metadata.TryGetValue("KubeVersion", out var c) && c is string { Length: > 0 } constraint)
        {
            bool ok;
            try
            {
                // Helm compares the version without its pre-release, so "-0" style constraints and vendor suffixes pass.
                ok = GoSemver.Satisfies(constraint, Regex.Replace(kubeVersion, "[-+].*$", string.Empty));
            }
            catch (GoTemplateException)
            {
                return;
            }

            if (!ok)
            {
                throw new HelmChartException($"{chart.DisplayPath}/Chart.yaml: chart requires kubeVersion: {constraint} which is incompatible with Kubernetes {kubeVersion}; pass a matching kubeVersion (spec.source.helm.kubeVersion or --kube-version)");
            }
        }
    }

    private static string ParseLocation(string message, string fallback)
    {
        var m = TemplateLocation().Match(message);
        return m.Success ? m.Groups[1].Value : fallback;
    }

    private static string ParseMessage(string message)
    {
        var m = TemplateLocation().Match(message);
        return m.Success ? message[(m.Index + m.Length)..].TrimStart(' ', ':') : message;
    }

    [GeneratedRegex(@"^template: ([^:]+:\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateLocation();
}
