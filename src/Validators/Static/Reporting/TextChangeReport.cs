using System.Globalization;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>The console form of <c>validate --base</c>: verdict, per-profile counts, blocked deletions, new and fixed findings.</summary>
public static class TextChangeReport
{
    public static void Write(ChangeReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Inv($"validate --base: {report.BaseLabel} → {report.HeadLabel} ({report.Scenario}, {report.Duration.TotalSeconds:0.0} s)"));
        if (report.NoChanges)
        {
            writer.WriteLine("no changes: every profile renders the same apps and resources, and no finding is new or fixed.");
            return;
        }

        foreach (var p in report.Profiles)
        {
            var deleted = p.Deletions.Count(d => d.Automatic && d.KeptBecause is null);
            writer.WriteLine(Inv($"  {p.Name,-16} {p.Change.ToString().ToLowerInvariant(),-9} apps changed {p.Apps.Count,3}  resources +{p.ResourcesAdded} ~{p.ResourcesChanged} -{p.ResourcesRemoved}  deleted on merge {deleted}"));
            foreach (var app in p.Apps)
            {
                writer.WriteLine(Inv($"    {Sign(app.Change)} {app.Name}{(app.SpecChanged ? " (spec)" : string.Empty)}: {string.Join(", ", app.Resources.Select(r => Sign(r.Change) + r.Key).Take(8))}{(app.Resources.Count > 8 ? ", …" : string.Empty)}"));
            }
        }

        Section(writer, "blocked deletions", report.PruneFindings);
        Section(writer, "narrowing regressions", report.NarrowingRegressions);
        Section(writer, "new findings", report.OtherNewFindings);
        Section(writer, "fixed findings", report.FixedFindings);
        writer.WriteLine(MarkdownChangeReport.Verdict(report).Replace("✅ ", string.Empty, StringComparison.Ordinal).Replace("❌ ", string.Empty, StringComparison.Ordinal));
    }

    private static void Section(TextWriter writer, string title, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        writer.WriteLine(Inv($"{title} ({findings.Count}):"));
        foreach (var f in findings)
        {
            writer.WriteLine(Inv($"  {f.Id} {f.Severity.ToString().ToLowerInvariant()} {(f.Location is null ? string.Empty : f.Location + " ")}{f.Message}"));
            if (f.FixHint.Length > 0 && f.Severity == Severity.Error)
            {
                writer.WriteLine(Inv($"      fix: {f.FixHint}"));
            }
        }
    }

    private static string Sign(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        _ => "~",
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
