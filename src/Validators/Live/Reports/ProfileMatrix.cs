namespace PlatformValidation.Validators.Live.Reports;

/// <summary>
/// The profile × check grid shown at the end of a run: one row per profile (plus <see cref="AllProfiles"/> for
/// checks that span profiles), one column per suite/check, each cell the worst outcome of its checks.
/// </summary>
public sealed record ProfileMatrix(IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyDictionary<(string Row, string Column), MatrixCell> Cells)
{
    /// <summary>The row of checks that concern no single profile.</summary>
    public const string AllProfiles = "(all)";

    public MatrixCell? Cell(string row, string column) => Cells.TryGetValue((row, column), out var c) ? c : null;

    public static ProfileMatrix From(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Profiles.Where(p => report.Checks.Any(c => c.Profile == p)).ToList();
        rows.AddRange(report.Checks.Select(c => c.Profile).OfType<string>().Distinct(StringComparer.Ordinal).Where(p => !rows.Contains(p)));
        if (report.Checks.Any(c => c.Profile is null))
        {
            rows.Add(AllProfiles);
        }

        var columns = report.Checks.Select(c => c.Column).Distinct(StringComparer.Ordinal).ToList();
        var cells = report.Checks
            .GroupBy(c => (c.Profile ?? AllProfiles, c.Column))
            .ToDictionary(g => g.Key, g => new MatrixCell(Worst(g.Select(c => c.Outcome)), g.Count(c => c.Outcome == CheckOutcome.Passed), g.Count(c => c.Outcome == CheckOutcome.Failed), g.Count()));
        return new ProfileMatrix(rows, columns, cells);
    }

    private static CheckOutcome Worst(IEnumerable<CheckOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return list.Contains(CheckOutcome.Failed) ? CheckOutcome.Failed
            : list.Contains(CheckOutcome.Passed) ? CheckOutcome.Passed
            : CheckOutcome.Skipped;
    }
}

/// <summary>One cell: the worst outcome and the counts behind it.</summary>
public sealed record MatrixCell(CheckOutcome Outcome, int Passed, int Failed, int Total);
