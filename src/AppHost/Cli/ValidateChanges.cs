using System.Globalization;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Reporting;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>validate --base REV</c>: the pull-request gate. Compares the base revision with the head (the working tree, or
/// <c>--head REV</c>) per profile and exits 1 only for new errors and blocked deletions (every error with
/// <c>--fail-on all</c>), 2 when the revisions cannot be read.
/// </summary>
public static class ValidateChanges
{
    /// <summary>The options only <c>validate --base</c> uses.</summary>
    public sealed record ChangeArguments(string? Base, string? Head, bool FailOnAll, IReadOnlyList<string> AllowPrune, string? LinkBase);

    public static async Task<int> RunAsync(ValidateCommand.ValidateArguments args, ChangeArguments changes, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(changes);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(args.Timeout);
        ChangeReport report;
        try
        {
            Scenario? scenario = null;
            string repo;
            if (args.Scenario is not null)
            {
                scenario = ScenarioParser.Load(args.Scenario);
                repo = args.Repo is null ? scenario.Repo.Directory : Path.GetFullPath(args.Repo);
            }
            else
            {
                repo = Path.GetFullPath(args.Repo!);
            }

            if (!Directory.Exists(repo))
            {
                throw new LoadException($"the repo directory {repo} does not exist; pass --repo DIR of a git checkout.");
            }

            var options = new ChangeOptions { AllowPrune = changes.AllowPrune, FailOnAll = changes.FailOnAll };
            report = await new ChangeValidator().CompareAsync(scenario, repo, changes.Base == "merge-base" ? null : changes.Base, changes.Head, options, limit.Token).ConfigureAwait(false);
            report = report with { LinkBase = changes.LinkBase };
        }
        catch (Exception e) when (e is ChangeException or ScenarioException or LoadException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"error: comparing the revisions did not finish within {args.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--timeout).").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }

        var exit = report.Failed ? CommandCatalog.ChecksFailed : CommandCatalog.Passed;
        try
        {
            if (args.Output is null)
            {
                Render(report, args.Format, stdout);
                return exit;
            }

            var path = Path.GetFullPath(args.Output);
            if (Path.GetDirectoryName(path) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            await using (var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
            {
                Render(report, args.Format, file);
            }

            await stdout.WriteLineAsync($"{MarkdownChangeReport.Verdict(report)}; {args.Format.ToString().ToLowerInvariant()} report written to {args.Output}").ConfigureAwait(false);
            return exit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot write {args.Output}: {e.Message}; choose a writable --output path.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
    }

    private static void Render(ChangeReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Markdown:
                writer.Write(MarkdownChangeReport.Build(report));
                break;
            case ReportFormat.Json:
                JsonChangeReport.Write(report, writer);
                break;
            case ReportFormat.Html:
                HtmlPage.Write($"validate --base {report.BaseLabel} → {report.HeadLabel}", MarkdownChangeReport.Build(report, MarkdownChangeReport.PageLimit), writer);
                break;
            default:
                TextChangeReport.Write(report, writer);
                break;
        }
    }
}
