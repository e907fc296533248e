using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Suites;
using Spectre.Console;

namespace PlatformValidation.AppHost.Reports;

/// <summary>
/// Live console progress (Spectre.Console markup on a terminal, plain lines when the output is redirected) and the
/// profile × check matrix at the end. Every line is redacted.
/// </summary>
public sealed class ConsoleRunReporter : IRunObserver
{
    private readonly IAnsiConsole console;
    private readonly bool plain;
    private readonly Lock gate = new();

    public ConsoleRunReporter(TextWriter writer, bool? plain = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.plain = plain ?? (Console.IsOutputRedirected || !ReferenceEquals(writer, Console.Out));
        console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = this.plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = this.plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (this.plain)
        {
            // Redirected output (CI logs, files) has no terminal width to honour: lay the matrix out on 120 columns
            // rather than the 80 Spectre assumes, so check names stay on one line.
            console.Profile.Width = 120;
        }
    }

    public void StepStarted(string suite, string step, string? profile) => Line($"▶ {suite}/{step}{(profile is null ? string.Empty : " [" + profile + "]")}", "grey");

    public void StepFinished(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Outcome == CheckOutcome.Skipped)
        {
            return;
        }

        Line($"  {(step.Outcome == CheckOutcome.Passed ? "ok" : "FAILED")} {step.Suite}/{step.Step} in {DurationText.Format(step.Duration)} (waiting {DurationText.Format(step.Waiting)})", step.Outcome == CheckOutcome.Passed ? "green" : "red");
    }

    public void CheckRecorded(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Outcome == CheckOutcome.Passed)
        {
            return; // passes show in the matrix; failures and skips are worth a line now
        }

        Line($"  {(check.Outcome == CheckOutcome.Failed ? "✗ FAIL" : "– SKIP")} {check.Check}{(check.Profile is null ? string.Empty : " [" + check.Profile + "]")}: {check.Message}", check.Outcome == CheckOutcome.Failed ? "red" : "yellow");
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
    {
    }

    public void Info(string message) => Line("  " + message, "grey");

    /// <summary>The summary: substrate, the check × profile matrix, failures, and the totals.</summary>
    public void Summary(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var matrix = report.Matrix;
        lock (gate)
        {
            console.WriteLine();
            console.WriteLine(SecretRedactor.Shared.Redact($"Scenario {report.Scenario} on substrate {report.Substrate}: {report.Outcome} in {DurationText.Format(report.Duration)} (waiting {report.WaitingShare:P0} of step time)"));
            // Checks down, profiles across: a handful of profiles fit a terminal's width, the dozens of checks do not.
            var table = new Table().Border(plain ? TableBorder.Ascii : TableBorder.Rounded).AddColumn(new TableColumn("check").NoWrap());
            foreach (var profile in matrix.Rows)
            {
                table.AddColumn(Markup.Escape(profile));
            }

            foreach (var check in matrix.Columns)
            {
                var cells = new List<string> { Markup.Escape(check) };
                foreach (var profile in matrix.Rows)
                {
                    cells.Add(matrix.Cell(profile, check) is { } c ? Cell(c) : "");
                }

                table.AddRow(cells.ToArray());
            }

            console.Write(table);
            foreach (var failed in report.Checks.Where(c => c.Outcome == CheckOutcome.Failed))
            {
                console.WriteLine(SecretRedactor.Shared.Redact($"FAILED {failed.Column}{(failed.Profile is null ? string.Empty : " [" + failed.Profile + "]")}: {failed.Message}"));
            }

            if (report.Message is not null)
            {
                console.WriteLine(SecretRedactor.Shared.Redact(report.Message));
            }

            console.WriteLine($"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
        }
    }

    private string Cell(MatrixCell c)
    {
        var text = c.Outcome switch
        {
            CheckOutcome.Passed => $"pass {c.Passed}/{c.Total}",
            CheckOutcome.Failed => $"FAIL {c.Failed}/{c.Total}",
            _ => "skip",
        };
        return plain ? text : $"[{(c.Outcome == CheckOutcome.Passed ? "green" : c.Outcome == CheckOutcome.Failed ? "red" : "yellow")}]{text}[/]";
    }

    private void Line(string text, string color)
    {
        var safe = SecretRedactor.Shared.Redact(text);
        lock (gate)
        {
            if (plain)
            {
                console.WriteLine(safe);
            }
            else
            {
                console.MarkupLine($"[{color}]{Markup.Escape(safe)}[/]");
            }
        }
    }
}
