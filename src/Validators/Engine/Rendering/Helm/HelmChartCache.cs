using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// A local chart cache: a directory of <c>NAME-VERSION.tgz</c> archives as <c>helm pull</c> writes them. A source's
/// targetRevision picks the archive: the exact version, else the highest version that satisfies it as a semver
/// constraint (Argo CD resolves chart versions the same way).
/// </summary>
public static class HelmChartCache
{
    public static string? Find(string? directory, string chart, string? version)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return null;
        }

        var name = chart.Contains('/', StringComparison.Ordinal) ? chart[(chart.LastIndexOf('/') + 1)..] : chart;
        var exact = Path.Combine(directory, $"{name}-{version}.tgz");
        if (!string.IsNullOrEmpty(version) && File.Exists(exact))
        {
            return exact;
        }

        var candidates = new List<(GoSemver.Version Version, string Path)>();
        foreach (var file in Directory.EnumerateFiles(directory, name + "-*.tgz"))
        {
            var v = Path.GetFileNameWithoutExtension(file)[(name.Length + 1)..];
            try
            {
                var parsed = GoSemver.Parse(v);
                if (string.IsNullOrEmpty(version) || version == "*" || GoSemver.Satisfies(version, v))
                {
                    candidates.Add((parsed, file));
                }
            }
            catch (GoTemplateException)
            {
                // Not NAME-SEMVER.tgz (another chart whose name shares the prefix): skip.
            }
        }

        return candidates.OrderByDescending(c => c.Version).Select(c => c.Path).FirstOrDefault();
    }
}
