using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>What every section needs: the report, the options, the redactor, and stable anchors for apps and checks.</summary>
internal sealed class RenderContext
{
    private readonly Dictionary<string, string> appAnchors = new(StringComparer.Ordinal);

    public RenderContext(RunReport report, HtmlReportOptions options)
    {
        Report = report;
        Options = options;
        R = options.Redactor ?? SecretRedactor.Shared;
        Diagnostics = report.Diagnostics.GroupBy(d => d.App, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        FailedChecksByApp = report.Checks
            .Where(c => c.Outcome == CheckOutcome.Failed && c.App is not null)
            .GroupBy(c => c.App!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CheckResult>)[.. g], StringComparer.Ordinal);
        FailingApps = [.. report.Diagnostics.Select(d => d.App).Concat(FailedChecksByApp.Keys).Distinct(StringComparer.Ordinal)];
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var app in FailingApps)
        {
            var anchor = "app-" + Markup.Slug(app);
            for (var i = 2; !used.Add(anchor); i++)
            {
                anchor = $"app-{Markup.Slug(app)}-{i}";
            }

            appAnchors[app] = anchor;
        }

        for (var i = 0; i < report.Checks.Count; i++)
        {
            CheckIndex[report.Checks[i]] = i;
        }
    }

    public RunReport Report { get; }

    public HtmlReportOptions Options { get; }

    public SecretRedactor R { get; }

    public bool Live => Options.LiveEndpoint is not null;

    /// <summary>The diagnostics of each failing app (the latest collected).</summary>
    public IReadOnlyDictionary<string, AppDiagnostics> Diagnostics { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<CheckResult>> FailedChecksByApp { get; }

    /// <summary>Apps with diagnostics or a failed check, in the order they failed.</summary>
    public IReadOnlyList<string> FailingApps { get; }

    /// <summary>Each check's position in the report (its row id in the checks table).</summary>
    public Dictionary<CheckResult, int> CheckIndex { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The element id of a failing app's diagnostics, or null when the app is not failing.</summary>
    public string? AppAnchor(string? app) => app is not null && appAnchors.TryGetValue(app, out var a) ? a : null;

    public string CheckAnchor(CheckResult check) => "check-" + CheckIndex[check].ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rows of the matrix: every profile of the run in order, then any other row that has checks.</summary>
    public IReadOnlyList<string> MatrixRows(ProfileMatrix matrix) =>
        [.. Report.Profiles.Concat(matrix.Rows).Distinct(StringComparer.Ordinal)];
}
