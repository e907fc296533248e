using System.Text;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Argo CD objects that only exist once a chart is rendered (an app-of-apps Helm chart such as argocd-example-apps'
/// <c>apps/</c>): each top-level chart of the repo is rendered as <c>helm template DIR</c> would (its default values,
/// release name <c>release-name</c>) — also a wrapper chart of argo-helm's argocd-apps, whose Argo CD objects come from
/// the dependency's values — and the Applications, ApplicationSets and AppProjects it emits are located at the
/// chart directory, so discovery applies the chart as a root. Charts that do not render, or emit no Argo CD object
/// although their templates mention one, are described in the <c>seen</c> list for the "nothing found" message.
/// </summary>
internal static class RenderedRoots
{
    public static List<ManifestObject> FromCharts(RepoTree repo, IReadOnlyList<string> files, ManifestLoader loader, List<string> seen, CancellationToken cancellationToken)
    {
        var charts = files.Where(f => f == "Chart.yaml" || f.EndsWith("/Chart.yaml", StringComparison.Ordinal))
            .Select(f => f.Length == "Chart.yaml".Length ? string.Empty : f[..^"/Chart.yaml".Length])
            .Where(d => !d.Split('/').Any(s => s.StartsWith('.') || s == "charts"))
            .ToList();
        var result = new List<ManifestObject>();
        foreach (var dir in charts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var templates = dir.Length == 0 ? "templates/" : dir + "/templates/";
            var mentionsArgo = files.Where(f => f.StartsWith(templates, StringComparison.Ordinal)).Any(f => MentionsArgoKind(repo, f)) ||
                DependsOnArgocdApps(repo, dir.Length == 0 ? string.Empty : dir + "/");
            if (!mentionsArgo)
            {
                continue; // Only charts whose templates write Argo CD kinds can produce roots; the others render as apps.
            }

            try
            {
                // Discovery needs the Argo CD objects a wrapper chart writes; a dependency it cannot fetch (argo-cd itself,
                // next to argocd-apps) is left out rather than hiding them.
                var objects = HelmChartObjects.RenderDirectory(repo, dir, loader, new HelmRenderRequest { OmitMissingDependencies = true });
                var argo = objects.Where(o => ArgoKinds.IsApplication(o) || ArgoKinds.IsApplicationSet(o) || ArgoKinds.IsAppProject(o)).ToList();
                if (argo.Count == 0)
                {
                    seen.Add($"{templates} holds Helm-templated Argo CD objects, but the chart renders none with its default values; list the chart with the values it needs in a scenario layer");
                }

                // The chart directory is what discovery applies, so that is where its objects "are".
                result.AddRange(argo.Select(o => o with { Location = SourceLocation.OfFile(dir.Length == 0 ? "." : dir) }));
            }
            catch (HelmChartException ex)
            {
                seen.Add($"{templates} holds Helm-templated Argo CD objects, but the chart did not render with its default values: {FirstLine(ex.Message)}");
            }
        }

        return result;
    }

    private static bool MentionsArgoKind(RepoTree repo, string file)
    {
        if (!repo.TryReadFile(file, 4 * 1024 * 1024, out var bytes, out _))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        return text.Contains("argoproj.io/", StringComparison.Ordinal) &&
            (text.Contains("Application", StringComparison.Ordinal) || text.Contains("AppProject", StringComparison.Ordinal));
    }

    /// <summary>A wrapper chart of argo-helm's argocd-apps (its Chart.yaml or requirements.yaml names the dependency).</summary>
    private static bool DependsOnArgocdApps(RepoTree repo, string prefix) =>
        new[] { "Chart.yaml", "requirements.yaml" }.Any(name =>
            repo.TryReadFile(prefix + name, 1024 * 1024, out var bytes, out _) &&
            Encoding.UTF8.GetString(bytes) is var text &&
            text.Contains(ArgocdAppsChart.ChartName, StringComparison.Ordinal) &&
            text.Contains("argo-helm", StringComparison.Ordinal));

    private static string FirstLine(string s) => s.Split('\n')[0];
}
