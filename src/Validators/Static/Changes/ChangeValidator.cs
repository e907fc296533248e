using System.Diagnostics;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Changes;

/// <summary>
/// <c>validate --base</c>: validates the base and the head of a change side by side and compares them
/// (<see cref="ChangeAnalysis"/>). When no file of the platform repo differs, nothing is validated again.
/// </summary>
public sealed class ChangeValidator(StaticValidatorOptions? options = null)
{
    private readonly StaticValidatorOptions options = options ?? StaticValidatorOptions.Default;

    /// <summary>
    /// Compares <paramref name="baseRevision"/> (null: the merge-base with <c>origin/HEAD</c>) with
    /// <paramref name="headRevision"/> (null: the working tree) of the repo at <paramref name="repoDirectory"/>, validated
    /// with <paramref name="scenario"/>'s profiles, or discovered as with <c>--repo</c> when it is null. Throws
    /// <see cref="ChangeException"/> when the revisions cannot be read.
    /// </summary>
    public async Task<ChangeReport> CompareAsync(
        Scenario? scenario,
        string repoDirectory,
        string? baseRevision,
        string? headRevision,
        ChangeOptions? changeOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repoDirectory);
        changeOptions ??= new ChangeOptions();
        var started = Stopwatch.GetTimestamp();
        var timing = PhaseTimer.FromEnvironment();
        using var pair = RevisionPair.Open(repoDirectory, baseRevision, headRevision);
        timing.Mark("changes: revisions written, diffed");
        if (pair.ChangedPaths.Count == 0 && !changeOptions.FailOnAll)
        {
            var names = scenario?.Profiles.Select(p => p.Name).ToList() ?? ["all"];
            return new ChangeReport(
                scenario?.Name ?? Path.GetFileName(Path.GetFullPath(repoDirectory)),
                pair.BaseLabel,
                pair.HeadLabel,
                names.Select(n => new ProfileChange(n, ChangeKind.Unchanged, [], []) { Skipped = true }).ToList(),
                [],
                [],
                [],
                [],
                Stopwatch.GetElapsedTime(started));
        }

        Task<ValidationReport> Validate(string directory, StaticValidatorOptions with)
        {
            var validator = new StaticValidator(with);
            return scenario is null
                ? validator.DiscoverAndValidateAsync(directory, cancellationToken)
                : validator.ValidateAsync(scenario with { Repo = scenario.Repo with { Directory = directory } }, cancellationToken);
        }

        // Changed-only: the head reuses every base render whose app and inputs did not change.
        var baseReport = await Validate(pair.BaseDirectory, options).ConfigureAwait(false);
        timing.Mark("changes: base validated");
        var reuse = new BaseRenderReuse(baseReport.Expansions, pair.ChangedPaths);
        var headOptions = options with
        {
            Expansion = options.Expansion with { Render = options.Expansion.Render with { Reuse = reuse } },
        };
        var headReport = await Validate(pair.HeadDirectory, headOptions).ConfigureAwait(false);
        timing.Mark("changes: head validated");
        var report = ChangeAnalysis.Compare(baseReport, headReport, pair.BaseLabel, pair.HeadLabel, changeOptions) with { RendersReused = reuse.Reused };
        timing.Mark("changes: compared");
        return report with { Duration = Stopwatch.GetElapsedTime(started) };
    }
}
