using System.Globalization;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Reporting;

/// <summary>A plain <c>validate</c> report as Markdown (a CI job summary or a comment): verdict, per-profile counts, findings.</summary>
public static class MarkdownReport
{
    public static void Write(ValidationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Inv($"### {(report.HasErrors ? "❌" : "✅")} PlatformValidation: {report.Count(Severity.Error)} error(s), {report.Count(Severity.Warning)} warning(s) in {report.Profiles.Count} profile(s)"));
        writer.WriteLine();
        writer.WriteLine("| profile | apps | resources | errors |");
        writer.WriteLine("|---|---:|---:|---:|");
        foreach (var p in report.Profiles)
        {
            writer.WriteLine(Inv($"| `{p.Name}` | {p.Apps} | {p.Resources} | {FindingFamilies.For(report, p).Count(f => f.Severity == Severity.Error)} |"));
        }

        writer.WriteLine();
        foreach (var f in report.Findings.Where(f => f.Severity != Severity.Info).Take(200))
        {
            writer.WriteLine(Inv($"- **{f.Id}** {f.Severity.ToString().ToLowerInvariant()}{(f.Profile is null ? string.Empty : $" [{f.Profile}]")}{(f.Location is null ? string.Empty : $" at `{f.Location.File}:{f.Location.Line}`")}: {f.Message.Replace("|", "\\|", StringComparison.Ordinal)}"));
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
