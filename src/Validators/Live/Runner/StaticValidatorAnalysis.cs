using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// The <c>static</c> suite's view of the static path: <see cref="StaticValidator"/> run once per scenario, findings
/// split by profile. A finding the validator gives no profile lands in the profiles whose expansion holds its app
/// (and, without an app, in the narrowest profile only), so one app's problem is not a FAIL in every column.
/// </summary>
public sealed class StaticValidatorAnalysis : IStaticAnalysis
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ValidationReport? report;
    private Dictionary<string, HashSet<string>>? appsByProfile;

    public async Task<IReadOnlyList<Finding>> AnalyzeAsync(LiveScenario scenario, string profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await gate.WaitAsync(cancellationToken);
        try
        {
            report ??= await new StaticValidator().ValidateAsync(scenario.Model, cancellationToken);
            if (appsByProfile is null && report.Findings.Any(f => f.Profile is null && f.App is not null))
            {
                appsByProfile = await AppsByProfileAsync(scenario, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }

        var narrowest = scenario.Profiles.Count > 0 ? scenario.Profiles[0].Name : profile;
        return report.Findings.Where(f => f.Profile == profile || (f.Profile is null && Belongs(f, profile, narrowest))).ToList();
    }

    private bool Belongs(Finding finding, string profile, string narrowest) =>
        finding.App is { } app && appsByProfile is not null
            ? appsByProfile.GetValueOrDefault(profile)?.Contains(app) == true || !appsByProfile.Values.Any(a => a.Contains(app)) && profile == narrowest
            : profile == narrowest;

    private static async Task<Dictionary<string, HashSet<string>>> AppsByProfileAsync(LiveScenario scenario, CancellationToken cancellationToken)
    {
        var repo = RepoTree.Open(scenario.RepoDirectory);
        using var expander = new ProfileExpander(repo, StaticRepoResolver.For(repo, scenario.RepoUrls), ExpansionOptions.Default.WithClusters(scenario.Model.Clusters));
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in scenario.Profiles)
        {
            var expanded = await expander.ExpandAsync(p, cancellationToken);
            result[p.Name] = expanded.Apps.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }
}
