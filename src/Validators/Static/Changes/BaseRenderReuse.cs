using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Changes;

/// <summary>
/// Changed-only rendering for <c>validate --base</c>: at the head, an Application whose manifest is byte-identical to
/// the base and none of whose inputs changed takes the base's render instead of rendering again. Its inputs are its
/// source folders and every folder its rendered objects came from (kustomize bases and components included). Apps
/// whose render reads files the objects do not name — Helm value files, <c>$ref</c> sources — and apps that did not
/// render cleanly are always rendered again.
/// </summary>
public sealed class BaseRenderReuse : IRenderReuse
{
    private readonly Dictionary<string, ExpandedApp> apps = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> changed;

    public BaseRenderReuse(IEnumerable<ExpandedProfile> baseProfiles, IReadOnlySet<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(baseProfiles);
        ArgumentNullException.ThrowIfNull(changedPaths);
        changed = changedPaths;
        foreach (var app in baseProfiles.SelectMany(p => p.Apps))
        {
            apps.TryAdd(app.Manifest.Body.ToJsonString(), app);
        }
    }

    /// <summary>How many renders were reused (for the report and the benchmark).</summary>
    public int Reused => reused;

    private int reused;

    public RenderResult? TryReuse(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!apps.TryGetValue(app.Manifest.Body.ToJsonString(), out var before) || before.Outcome.Status != RenderStatus.Rendered)
        {
            return null;
        }

        if (app.Sources.Any(s => s.Ref is not null || s.Helm is not null || s.Chart is not null))
        {
            return null;
        }

        var folders = app.Sources.Select(s => Folder(s.Path ?? string.Empty))
            .Concat(before.Resources.Select(r => Folder(Path.GetDirectoryName(r.Location.File) ?? string.Empty)))
            .ToHashSet(StringComparer.Ordinal);
        if (changed.Any(path => folders.Any(folder => folder.Length == 0 || path.StartsWith(folder, StringComparison.Ordinal))))
        {
            return null;
        }

        Interlocked.Increment(ref reused);
        var findings = before.Findings.Where(f => f.Id.StartsWith("YAML", StringComparison.Ordinal) || f.Id.StartsWith("RENDER", StringComparison.Ordinal)).ToList();
        return new RenderResult(before.Resources.Select(r => r.DeepClone()).ToList(), before.Outcome, findings);
    }

    private static string Folder(string path)
    {
        var normalized = path.Replace('\\', '/').Trim('/');
        return normalized is "" or "." ? string.Empty : normalized + "/";
    }
}
