using System.Globalization;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>
/// The human report: what was validated, findings grouped by profile (file:line, message, fix), a profile × check
/// matrix and a one-line verdict. Plain text; ANSI colour only when asked (a terminal).
/// </summary>
public static class TextReport
{
    public static void Write(ValidationReport report, TextWriter w, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        var c = new Colors(color);
        w.WriteLine($"{c.Bold}validate{c.Reset} {report.Scenario} — static checks, no cluster ({report.Substrate})");
        w.WriteLine($"repo: {report.RepoDirectory}");
        if (report.Discovery is { } d)
        {
            w.WriteLine($"discovered: {d.Applications} Application(s), {d.ApplicationSets} ApplicationSet(s), project(s) {(d.Projects.Count == 0 ? "none" : string.Join(", ", d.Projects))}");
            w.WriteLine($"this repo: {d.CanonicalRepoUrl} (from {d.RepoUrlOrigin}{(d.RepoUrlOrigin == Scenarios.RepoDiscovery.Guessed ? "; pass --repo-url to be sure" : string.Empty)})");
            w.WriteLine($"platform: {string.Join(", ", d.Platforms)}{(d.PlatformDetected ? " (detected: Argo CD lives in openshift-gitops)" : string.Empty)}; the Argo CD namespace is provided; --platform / --externals declare more");
            w.WriteLine(d.ExplicitRoots ? "roots (--root), validated as profile 'all':" : "roots (nothing else creates them), validated as profile 'all':");
            foreach (var root in d.Roots)
            {
                w.WriteLine($"  {root}");
            }

            if (d.NotDeployed.Count > 0)
            {
                w.WriteLine("not deployed (under a path an ApplicationSet or app-of-apps owns, or an unused/archive directory; created by nothing today; --root FILE validates one applied by hand):");
                foreach (var item in d.NotDeployed)
                {
                    w.WriteLine($"  {item}");
                }
            }
        }

        w.WriteLine();
        w.WriteLine("profiles:");
        var width = Math.Max(8, report.Profiles.Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
        foreach (var p in report.Profiles)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Name.PadRight(width)}  {p.Apps,4} apps  {p.ApplicationSets,3} appsets  {p.Resources,6} resources   layers: {string.Join(" → ", p.Layers)}"));
            w.WriteLine($"  {string.Empty.PadRight(width)}  coverage: {p.Coverage}{(p.NotRendered.Count == 0 ? string.Empty : $" (not rendered: {string.Join(", ", p.NotRendered.Take(8))}{(p.NotRendered.Count > 8 ? ", …" : string.Empty)})")}");
        }

        var groups = report.Findings.GroupBy(f => f.Profile).ToList();
        foreach (var group in groups)
        {
            w.WriteLine();
            w.WriteLine(group.Key is null ? $"{c.Bold}findings (every profile that reaches the app){c.Reset}" : $"{c.Bold}findings in profile {group.Key}{c.Reset}");
            foreach (var f in group)
            {
                var (label, tint) = f.Severity switch
                {
                    Severity.Error => ("error", c.Red),
                    Severity.Warning => ("warning", c.Yellow),
                    _ => ("info", c.Dim),
                };
                w.WriteLine($"  {tint}{label,-7}{c.Reset} {f.Id,-9} {f.Location?.ToString() ?? "(no location)"}");
                w.WriteLine($"          {f.Message}");
                w.WriteLine($"          {c.Dim}fix:{c.Reset} {f.FixHint}");
            }
        }

        if (report.Findings.Count == 0)
        {
            w.WriteLine();
            w.WriteLine("no findings.");
        }

        w.WriteLine();
        WriteMatrix(report, w, c, width);
        w.WriteLine();
        var errors = report.Count(Severity.Error);
        var verdict = errors > 0 ? $"{c.Red}FAILED{c.Reset}" : $"{c.Green}PASSED{c.Reset}";
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdict}: {errors} error(s), {report.Count(Severity.Warning)} warning(s), {report.Count(Severity.Info)} info in {report.Profiles.Count} profile(s) ({report.Duration.TotalSeconds:0.00} s)"));
    }

    private static void WriteMatrix(ValidationReport report, TextWriter w, Colors c, int width)
    {
        var families = FindingFamilies.All;
        w.Write("  " + "profile".PadRight(width));
        foreach (var f in families)
        {
            w.Write("  " + f.Name.PadRight(14));
        }

        w.WriteLine();
        foreach (var p in report.Profiles)
        {
            var findings = FindingFamilies.For(report, p).ToList();
            w.Write("  " + p.Name.PadRight(width));
            foreach (var f in families)
            {
                var inFamily = findings.Where(x => FindingFamilies.Of(x.Id) == f.Name).ToList();
                var e = inFamily.Count(x => x.Severity == Severity.Error);
                var warn = inFamily.Count(x => x.Severity == Severity.Warning);
                var cell = FindingFamilies.Cell(f.Name, p, e, warn);
                var tint = e > 0 ? c.Red : warn > 0 || !cell.StartsWith("ok", StringComparison.Ordinal) ? c.Yellow : c.Green;
                w.Write("  " + tint + cell.PadRight(14) + c.Reset);
            }

            w.WriteLine();
        }
    }

    private sealed class Colors(bool on)
    {
        public string Red => on ? "\u001b[31m" : string.Empty;

        public string Green => on ? "\u001b[32m" : string.Empty;

        public string Yellow => on ? "\u001b[33m" : string.Empty;

        public string Bold => on ? "\u001b[1m" : string.Empty;

        public string Dim => on ? "\u001b[2m" : string.Empty;

        public string Reset => on ? "\u001b[0m" : string.Empty;
    }
}
