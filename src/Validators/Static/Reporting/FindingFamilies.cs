using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>Groups finding IDs into the check families shown as matrix columns and JUnit test cases.</summary>
public static class FindingFamilies
{
    /// <summary>Every family, in report order, with the ID prefixes it covers.</summary>
    public static IReadOnlyList<(string Name, string Title, string[] Prefixes)> All { get; } =
    [
        ("parse", "manifests load, parse and render", ["YAML", "ARGO", "RENDER", "SCEN"]),
        ("dependencies", "dependency-complete", ["DEP", "GROUP"]),
        ("cost-gates", "cost-gated", ["GATE"]),
        ("narrowing", "narrowing-safe", ["NARROW"]),
        ("waves", "wave-ordered", ["WAVE"]),
        ("project", "allowed by the AppProject", ["PROJ"]),
        ("hygiene", "repoURL, pinning and secrets", ["REPO", "PIN", "SEC"]),
    ];

    public static string Of(string id) =>
        All.FirstOrDefault(f => f.Prefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal))).Name ?? "other";

    /// <summary>
    /// The findings that concern <paramref name="profile"/>: those found in it, plus profile-independent ones about
    /// an app it reaches (or about no app at all).
    /// </summary>
    public static IEnumerable<Finding> For(ValidationReport report, ProfileSummary profile)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(profile);
        return report.Findings.Where(f => f.Profile == profile.Name || (f.Profile is null && (f.App is null || profile.AppNames.Contains(f.App))));
    }

    /// <summary>
    /// A matrix cell: errors first; then, for a check that reads rendered resources, "not checked" when no app of the
    /// profile rendered and "partial X/Y" when some did not (an "ok" over unrendered input would claim too much).
    /// </summary>
    public static string Cell(string family, ProfileSummary profile, int errors, int warnings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (errors > 0)
        {
            return $"{errors} error{(errors == 1 ? string.Empty : "s")}";
        }

        if (family != "parse" && profile.NotRendered.Count > 0)
        {
            return profile.RenderedApps == 0 ? "not checked" : $"partial {profile.RenderedApps}/{profile.Apps}";
        }

        return warnings > 0 ? $"ok ({warnings} warn)" : "ok";
    }
}
