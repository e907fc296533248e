using System.Globalization;
using System.Text;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Reporting;

/// <summary>
/// A pull-request comment for <c>validate --base</c>: a one-line verdict, a table per profile (new errors, deletions,
/// changed apps), the new and fixed findings with links to file:line at the head, and a collapsible diff per changed
/// app. Kept under <see cref="DefaultLimit"/> characters (GitHub refuses comments over 65,536) by leaving out diffs,
/// largest last, with a note saying how many.
/// </summary>
public static class MarkdownChangeReport
{
    /// <summary>The default size limit of the comment in characters.</summary>
    public const int DefaultLimit = 60_000;

    /// <summary>The size limit of the same text as an HTML page (<c>--format html</c>): no comment limit, but bounded.</summary>
    public const int PageLimit = 4_000_000;

    /// <summary>The marker the example workflow looks for to update its own comment instead of adding one.</summary>
    public const string Marker = "<!-- platformvalidation:validate-base -->";

    private const int MaxDiffLines = 400;

    public static string Build(ChangeReport report, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(report);
        var diffs = Groups(report);

        // Try with every diff, then drop the largest until the comment fits.
        var kept = diffs.Count;
        var order = diffs.Select((d, i) => (i, Size: d.App.Resources.Sum(r => r.Diff.Length) + d.App.SpecDiff.Length))
            .OrderBy(x => x.Size).Select(x => x.i).ToList();
        while (true)
        {
            var include = order.Take(kept).ToHashSet();
            var text = Render(report, diffs.Select((d, i) => include.Contains(i)).ToList(), diffs.Count - kept);
            if (text.Length <= limit || kept == 0)
            {
                return text.Length <= limit ? text : text[..(limit - 200)] + "\n\n… truncated to stay within the comment size limit; run `validate --base` locally for the whole report.\n";
            }

            kept = kept > 64 ? kept / 2 : kept - 1;
        }
    }

    /// <summary>Each distinct app change once, with the profiles it appears in (an app usually changes alike in every profile).</summary>
    private static List<(string Profiles, AppChange App)> Groups(ChangeReport report) =>
        report.Profiles
            .SelectMany(p => p.Apps.Select(a => (Profile: p.Name, App: a)))
            .GroupBy(x => x.App.Name + "\u001f" + x.App.Change + "\u001f" + x.App.SpecDiff + "\u001f" + string.Concat(x.App.Resources.Select(r => r.Key + r.Change + r.Diff)), StringComparer.Ordinal)
            .Select(g => (string.Join(", ", g.Select(x => x.Profile)), g.First().App))
            .ToList();

    private static string Render(ChangeReport report, IReadOnlyList<bool> includeDiff, int omitted)
    {
        var md = new StringBuilder();
        md.AppendLine(Marker);
        md.AppendLine(Inv($"### {Verdict(report)}"));
        md.AppendLine();
        md.AppendLine(Inv($"Base `{report.BaseLabel}` → head `{report.HeadLabel}` · scenario `{report.Scenario}` · {report.Duration.TotalSeconds:0.0} s"));
        md.AppendLine();
        if (report.NoChanges)
        {
            md.AppendLine("No changes: every profile renders the same apps and resources, and no finding is new or fixed.");
            return md.ToString();
        }

        md.AppendLine("| profile | new errors | new warnings | fixed | deleted on merge | blocked deletions | apps changed | resources +/~/− |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var profile in report.Profiles)
        {
            var newFindings = report.NewFindings.Where(f => f.Profile == profile.Name || f.Profile is null).ToList();
            var state = profile.Change switch
            {
                ChangeKind.Added => " (new)",
                ChangeKind.Removed => " (removed)",
                _ when profile.Skipped => " (not touched)",
                _ => string.Empty,
            };
            md.AppendLine(Inv($"| `{profile.Name}`{state} | {newFindings.Count(f => f.Severity == Severity.Error)} | {newFindings.Count(f => f.Severity == Severity.Warning)} | {report.FixedFindings.Count(f => f.Profile == profile.Name)} | {profile.Deletions.Count(d => d.Automatic && d.KeptBecause is null)} | {profile.Deletions.Count(d => d.Blocked)} | {profile.Apps.Count} | +{profile.ResourcesAdded} / ~{profile.ResourcesChanged} / −{profile.ResourcesRemoved} |"));
        }

        md.AppendLine();
        Findings(md, report, "Blocked deletions (PRUNE001)", report.PruneFindings);
        Findings(md, report, "Narrowing regressions", report.NarrowingRegressions);
        Findings(md, report, "New findings", report.OtherNewFindings);
        Findings(md, report, "Fixed findings", report.FixedFindings);
        if (report.FailOnAll && report.UnchangedFindings.Any(f => f.Severity == Severity.Error))
        {
            Findings(md, report, "Errors already on the base (--fail-on all)", report.UnchangedFindings.Where(f => f.Severity == Severity.Error).ToList());
        }

        var deletions = report.Profiles.SelectMany(p => p.Deletions).Where(d => d.Automatic).DistinctBy(d => (d.App, d.Key)).ToList();
        if (deletions.Count > 0)
        {
            md.AppendLine(Inv($"<details><summary>What the merge deletes on the cluster ({deletions.Count(d => d.KeptBecause is null)} objects)</summary>"));
            md.AppendLine();
            foreach (var d in deletions.Take(200))
            {
                md.AppendLine(Inv($"- `{d.Key}` (app `{d.App}`): {Escape(d.Reason)}{(d.KeptBecause is null ? string.Empty : $" — kept: {d.KeptBecause}")}"));
            }

            if (deletions.Count > 200)
            {
                md.AppendLine(Inv($"- … and {deletions.Count - 200} more"));
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }

        var groups = Groups(report);
        if (groups.Count > 0)
        {
            md.AppendLine("#### Changed apps");
            md.AppendLine();
        }

        for (var index = 0; index < groups.Count; index++)
        {
            var (profiles, app) = groups[index];
            var counts = Inv($"+{app.Resources.Count(r => r.Change == ChangeKind.Added)} ~{app.Resources.Count(r => r.Change == ChangeKind.Changed)} −{app.Resources.Count(r => r.Change == ChangeKind.Removed)}");
            md.AppendLine(Inv($"<details><summary>{Word(app.Change)} app <code>{app.Name}</code> ({counts}{(app.SpecChanged ? ", spec changed" : string.Empty)}) in {profiles}</summary>"));
            md.AppendLine();
            if (app.Location is { } location && app.Change != ChangeKind.Removed)
            {
                md.AppendLine(Inv($"Defined at {Link(report, location)}."));
                md.AppendLine();
            }

            if (includeDiff[index])
            {
                var diff = new StringBuilder(app.SpecDiff);
                foreach (var resource in app.Resources)
                {
                    diff.Append(resource.Diff);
                }

                var lines = diff.ToString().TrimEnd('\n').Split('\n');
                md.AppendLine("```diff");
                foreach (var line in lines.Take(MaxDiffLines))
                {
                    md.AppendLine(line.Replace("```", "`\u200b``", StringComparison.Ordinal));
                }

                if (lines.Length > MaxDiffLines)
                {
                    md.AppendLine(Inv($"… {lines.Length - MaxDiffLines} more lines"));
                }

                md.AppendLine("```");
            }
            else
            {
                md.AppendLine("_Diff left out to keep this comment within the size limit._");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }

        md.AppendLine();
        if (omitted > 0)
        {
            md.AppendLine(Inv($"_{omitted} app diff(s) left out to stay under the comment size limit; run `validate --base {report.BaseLabel.Split(' ')[0]}` locally for all of them._"));
        }

        return md.ToString();
    }

    /// <summary>The one-line verdict.</summary>
    public static string Verdict(ChangeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.NoChanges)
        {
            return "✅ PlatformValidation: no changes";
        }

        var newErrors = report.NewFindings.Count(f => f.Severity == Severity.Error);
        var parts = new List<string>();
        if (newErrors > 0)
        {
            parts.Add(Inv($"{newErrors} new error(s)"));
        }

        if (report.PruneFindings.Count > 0)
        {
            parts.Add(Inv($"{report.PruneFindings.Count} blocked deletion(s)"));
        }

        if (report.FailOnAll && report.UnchangedFindings.Any(f => f.Severity == Severity.Error))
        {
            parts.Add(Inv($"{report.UnchangedFindings.Count(f => f.Severity == Severity.Error)} existing error(s)"));
        }

        var apps = report.Profiles.SelectMany(p => p.Apps).Select(a => a.Name).Distinct(StringComparer.Ordinal).Count();
        var summary = Inv($"{apps} app(s) changed, {report.FixedFindings.Count} finding(s) fixed");
        return report.Failed
            ? $"❌ PlatformValidation: {string.Join(", ", parts)} — {summary}"
            : $"✅ PlatformValidation: passes — {summary}";
    }

    private static void Findings(StringBuilder md, ChangeReport report, string title, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        md.AppendLine(Inv($"**{title}** ({findings.Count})"));
        md.AppendLine();
        foreach (var f in findings.Take(100))
        {
            var where = f.Location is { } l ? " at " + Link(report, l) : string.Empty;
            md.AppendLine(Inv($"- **{f.Id}** {f.Severity.ToString().ToLowerInvariant()}{(f.Profile is null ? string.Empty : $" [{f.Profile}]")}{where}: {Escape(f.Message)}"));
        }

        if (findings.Count > 100)
        {
            md.AppendLine(Inv($"- … and {findings.Count - 100} more"));
        }

        md.AppendLine();
    }

    private static string Link(ChangeReport report, SourceLocation location)
    {
        var text = Inv($"{location.File}:{location.Line}");
        return report.LinkBase is null
            ? $"`{text}`"
            : Inv($"[`{text}`]({report.LinkBase.TrimEnd('/')}/{location.File}#L{location.Line})");
    }

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "new",
        ChangeKind.Removed => "removed",
        _ => "changed",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
