using System.Globalization;
using System.Xml.Linq;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Validators.Live.Reports;

/// <summary>
/// Writes a <see cref="RunReport"/> as JUnit XML (the Ant/Surefire shape CI systems read): one testsuite per
/// suite, one testcase per check named <c>profile / check [app]</c>, failures with the check's message.
/// </summary>
public static class JUnitRunReportWriter
{
    public static XDocument ToXml(RunReport report, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = redactor ?? SecretRedactor.Shared;
        var suites = new XElement(
            "testsuites",
            new XAttribute("name", $"platform-validation {report.Scenario} on {report.Substrate}"),
            new XAttribute("tests", report.Checks.Count),
            new XAttribute("failures", report.Failed),
            new XAttribute("skipped", report.Skipped),
            new XAttribute("time", Seconds(report.Duration)));
        foreach (var group in report.Checks.GroupBy(c => c.Suite))
        {
            var suite = new XElement(
                "testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(c => c.Outcome == CheckOutcome.Failed)),
                new XAttribute("skipped", group.Count(c => c.Outcome == CheckOutcome.Skipped)),
                new XAttribute("time", Seconds(TimeSpan.FromTicks(group.Sum(c => c.Duration.Ticks)))),
                new XElement("properties", new XElement("property", new XAttribute("name", "substrate"), new XAttribute("value", report.Substrate))));
            foreach (var check in group)
            {
                var name = $"{check.Profile ?? ProfileMatrix.AllProfiles} / {check.Check}{(check.App is null ? string.Empty : " [" + check.App + "]")}";
                var testcase = new XElement(
                    "testcase",
                    new XAttribute("classname", $"{report.Substrate}.{check.Suite}"),
                    new XAttribute("name", name),
                    new XAttribute("time", Seconds(check.Duration)));
                var message = r.Redact(check.Message);
                switch (check.Outcome)
                {
                    case CheckOutcome.Failed:
                        testcase.Add(new XElement("failure", new XAttribute("message", FirstLine(message)), WithFixHint(message, check.Check)));
                        break;
                    case CheckOutcome.Skipped:
                        testcase.Add(new XElement("skipped", new XAttribute("message", FirstLine(message))));
                        break;
                    default:
                        if (message.Length > 0)
                        {
                            testcase.Add(new XElement("system-out", message));
                        }

                        break;
                }

                suite.Add(testcase);
            }

            suites.Add(suite);
        }

        if (report.Outcome is RunOutcome.CouldNotRun or RunOutcome.Cancelled)
        {
            suites.Add(new XElement(
                "testsuite",
                new XAttribute("name", "harness"),
                new XAttribute("tests", 1),
                new XAttribute("failures", 0),
                new XAttribute("errors", 1),
                new XElement("testcase", new XAttribute("classname", report.Substrate + ".harness"), new XAttribute("name", "run"), new XElement("error", new XAttribute("message", r.Redact(report.Message ?? report.Outcome.ToString()))))));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    public static async Task WriteAsync(RunReport report, string path, SecretRedactor? redactor = null, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await ToXml(report, redactor).SaveAsync(stream, SaveOptions.None, cancellationToken);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The failure text followed by the catalogue's ID and fix hint for the check (docs/live-checks.md).</summary>
    private static string WithFixHint(string message, string check) =>
        LiveCheckCatalog.Find(check) is { } d ? $"{message}\n\n{d.Id}: {d.FixHint}" : message;

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }
}
