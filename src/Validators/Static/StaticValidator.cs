using System.Diagnostics;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// The static path: expands every profile of a scenario (or of a repo discovered with <c>--repo</c>), builds each
/// profile's resource graph and runs the analyzers. Problems in the repo are findings; only an unreadable repo
/// directory throws (<see cref="LoadException"/>).
/// </summary>
public sealed class StaticValidator
{
    public StaticValidator(StaticValidatorOptions? options = null)
    {
        Options = options ?? StaticValidatorOptions.Default;
    }

    public StaticValidatorOptions Options { get; }

    /// <summary>Every analyzer family, in catalogue order.</summary>
    public static IReadOnlyList<IStaticAnalyzer> DefaultAnalyzers { get; } =
    [
        new ScenarioConsistencyAnalyzer(),
        new ArgoBehaviourAnalyzer(),
        new DependencyAnalyzer(),
        new CostGateAnalyzer(),
        new NarrowingAnalyzer(),
        new WaveAnalyzer(),
        new ProjectAnalyzer(),
        new RepoUrlAnalyzer(),
        new PinningAnalyzer(),
        new SecretAnalyzer(),
        new SchemaAnalyzer(),
    ];

    /// <summary>Validates every profile of <paramref name="scenario"/>.</summary>
    public async Task<ValidationReport> ValidateAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var started = Stopwatch.GetTimestamp();
        var repo = RepoTree.Open(scenario.Repo.Directory);
        var resolver = StaticRepoResolver.For(repo, scenario.Repo.Urls);
        if (Options.Externals.Count > 0 || Options.Clusters.Count > 0)
        {
            scenario = scenario with { Externals = [.. scenario.Externals, .. Options.Externals], Clusters = [.. scenario.Clusters, .. Options.Clusters] };
        }

        var validator = new StaticValidator(Options with { Expansion = Options.Expansion.WithClusters(scenario.Clusters) });
        using var expander = new ProfileExpander(repo, resolver, validator.Options.Expansion);
        var report = await validator.ValidateAsync(scenario, repo, resolver, expander, [], discovered: false, cancellationToken).ConfigureAwait(false);
        return report with { Duration = Stopwatch.GetElapsedTime(started) };
    }

    /// <summary>
    /// Discovers the Applications, ApplicationSets and AppProjects of the repo at <paramref name="directory"/>, treats
    /// those nothing else creates as roots, and validates them as one profile <c>all</c>.
    /// </summary>
    public async Task<ValidationReport> DiscoverAndValidateAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var started = Stopwatch.GetTimestamp();
        var repo = RepoTree.Open(directory);
        var scan = RepoDiscovery.Scan(repo, new ManifestLoader(Options.Expansion.Render.Loader), Options.RepoUrl, cancellationToken);
        var resolver = StaticRepoResolver.For(repo, [scan.CanonicalRepoUrl]);
        var expansion = Options.Expansion.WithClusters(Options.Clusters);
        using var expander = new ProfileExpander(repo, resolver, expansion);
        var (scenario, summary) = await RepoDiscovery.FindRootsAsync(repo, scan, expander, Options.Roots, cancellationToken).ConfigureAwait(false);
        // Without a scenario the cluster still provides the Argo CD namespace(s) the apps live in, and what --externals names.
        var argoNamespaces = scan.ArgoNamespaces.Select(ns => new ExternalObject("v1", "Namespace", null, ns, SourceLocation.OfFile("(the Argo CD namespace)")));
        scenario = scenario with { Externals = [.. argoNamespaces, .. Options.Externals], Clusters = Options.Clusters };
        var (platforms, detected) = Options.Platforms is { Count: > 0 } chosen ? (chosen, false)
            : scan.ArgoNamespaces.Contains("openshift-gitops") ? (["openshift"], true) : ((IReadOnlyList<string>)[ClusterDefaults.DefaultPlatform], false);
        var report = await new StaticValidator(Options with { Platforms = platforms, Expansion = expansion })
            .ValidateAsync(scenario, repo, resolver, expander, scan.Findings, discovered: true, cancellationToken, scan.RepoUrlOrigin == RepoDiscovery.Guessed).ConfigureAwait(false);
        summary = summary with { Platforms = platforms, PlatformDetected = detected };
        return report with { Discovery = summary, Duration = Stopwatch.GetElapsedTime(started) };
    }

    private async Task<ValidationReport> ValidateAsync(
        Scenario scenario,
        RepoTree repo,
        IRepoResolver resolver,
        ProfileExpander expander,
        IReadOnlyList<Finding> extraFindings,
        bool discovered,
        CancellationToken cancellationToken,
        bool repoUrlGuessed = false)
    {
        var timing = PhaseTimer.FromEnvironment();
        ProfileDefinition Definition(ScenarioProfile profile) => new(
            profile.Name,
            profile.Layers.Select(l => new LayerDefinition(l, scenario.FindLayer(l)!.Manifests.Select(m => m.Path).ToList())).ToList())
        {
            CommonManifests = scenario.AlwaysApply.Select(m => m.Path).ToList(),
        };

        // The widest profile first renders (and caches) every app once; the others then reuse the renders, in parallel.
        var results = new ExpandedProfile[scenario.Profiles.Count];
        var widest = scenario.Profiles.Select((p, i) => (p, i)).MaxBy(x => x.p.Layers.Count).i;
        results[widest] = await expander.ExpandAsync(Definition(scenario.Profiles[widest]), cancellationToken).ConfigureAwait(false);
        timing.Mark($"expand {scenario.Profiles[widest].Name}");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, scenario.Profiles.Count).Where(i => i != widest),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, ct) => results[i] = await expander.ExpandAsync(Definition(scenario.Profiles[i]), ct).ConfigureAwait(false)).ConfigureAwait(false);
        timing.Mark("expand other profiles");
        var expanded = scenario.Profiles.Zip(results, (p, e) => (Profile: p, Expanded: e)).ToList();

        var groups = await DisabledGroups.ReadAsync(scenario, repo, resolver, expanded.Select(e => e.Expanded).ToList(), Options.Expansion, cancellationToken).ConfigureAwait(false);
        timing.Mark("groups");
        var defaults = ClusterDefaults.For(Options.Platforms is { Count: > 0 } p ? p : [ClusterDefaults.DefaultPlatform]);
        var builder = new ResourceGraphBuilder(defaults: defaults);
        _ = builder.Provisions.Operators.Rules.Count + builder.Defaults.Kinds.Count + builder.Requirements.Implicit.Rules.Count;
        timing.Mark("knowledge tables");
        var layers = scenario.Layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
        LayerPlacement Placement(string layer) =>
            layers.TryGetValue(layer, out var l) ? new LayerPlacement(l.Order, l.Demo) : new LayerPlacement(int.MinValue, false);
        ProfileAnalysis Analyze((ScenarioProfile Profile, ExpandedProfile Expanded) e) =>
            new(e.Profile, e.Expanded, builder.Build(e.Profile.Name, e.Expanded.Apps, Placement, scenario.Externals));

        // The widest graph first fills the builder's node cache; the narrower ones then mostly reuse its nodes.
        var graphs = new ProfileAnalysis[expanded.Count];
        graphs[widest] = Analyze(expanded[widest]);
        Parallel.For(0, expanded.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (i != widest)
            {
                graphs[i] = Analyze(expanded[i]);
            }
        });
        var profiles = graphs.ToList();
        var context = new AnalysisContext(scenario, repo, profiles, groups)
        {
            Discovered = discovered,
            Defaults = defaults,
            BillableResources = Options.BillableResources,
            RepoUrlGuessed = repoUrlGuessed,
        };
        timing.Mark("graphs");

        var findings = new List<Finding>(extraFindings);
        foreach (var profile in profiles)
        {
            findings.AddRange(profile.Graph.Apps.SelectMany(a => a.Problems));
            findings.AddRange(profile.Expanded.Findings);
            findings.AddRange(profile.Expanded.Apps.SelectMany(a => a.Findings));
        }

        // Analyzers only read the context, so they run side by side; their findings keep catalogue order.
        var analyzers = Options.Analyzers ?? DefaultAnalyzers;
        var perAnalyzer = await Task.WhenAll(analyzers.Select(a => Task.Run(
            () =>
            {
                var started = Stopwatch.GetTimestamp();
                var list = a.Analyze(context).ToList();
                timing.Report(a.GetType().Name, Stopwatch.GetElapsedTime(started));
                return list;
            },
            cancellationToken))).ConfigureAwait(false);
        foreach (var list in perAnalyzer)
        {
            findings.AddRange(list);
        }

        timing.Mark("analyzers");

        if (discovered)
        {
            // Without a scenario, rules that encode a platform convention (layers, cost gates, teardown, fork-init,
            // secret delivery) cannot tell a broken repo from one that never adopted the convention: warnings.
            findings = findings.Select(f => f.Severity == Severity.Error && FindingCatalog.IsConvention(f.Id) ? f with { Severity = Severity.Warning } : f).ToList();
        }

        var profileOrder = scenario.Profiles.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var distinct = findings
            .DistinctBy(f => (f.Id, f.Location, f.Message))
            .OrderBy(f => f.Profile is null ? -1 : profileOrder.GetValueOrDefault(f.Profile, int.MaxValue))
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.Location?.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location?.Line ?? 0)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        distinct = FoldRepeats(distinct);

        var summaries = profiles.Select(p => new ProfileSummary(
            p.Name,
            p.Profile.Layers,
            p.Expanded.Apps.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count(),
            p.Expanded.ApplicationSets.Count,
            p.Expanded.Apps.Sum(a => a.Resources.Count))
        {
            AppNames = p.Expanded.Apps.Select(a => a.Name).ToHashSet(StringComparer.Ordinal),
            NotRendered = p.Expanded.Apps.Where(a => a.Outcome.Status != Rendering.RenderStatus.Rendered)
                .Select(a => a.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        }).ToList();
        var suggestions = ProjectSuggester.Suggest(context);
        timing.Mark("report");
        return new ValidationReport(scenario.Name, scenario.Repo.Directory, summaries, distinct, suggestions, TimeSpan.Zero)
        {
            Expansions = results,
        };
    }

    /// <summary>
    /// Folds findings that say the same thing (ID, severity, profile, message) at several places into the first one,
    /// with the count and the other places, so one cause is not reported fifty times.
    /// </summary>
    internal static List<Finding> FoldRepeats(IReadOnlyList<Finding> findings)
    {
        var result = new List<Finding>(findings.Count);
        foreach (var group in findings.GroupBy(f => (f.Id, f.Severity, f.Profile, f.Message)))
        {
            var list = group.ToList();
            if (list.Count == 1)
            {
                result.Add(list[0]);
                continue;
            }

            var others = list.Skip(1).Select(f => f.Location?.ToString() ?? "(no location)").ToList();
            var shown = string.Join(", ", others.Take(5)) + (others.Count > 5 ? $", … {others.Count - 5} more" : string.Empty);
            result.Add(list[0] with { Message = $"{list[0].Message} [{list.Count} occurrences; also at {shown}]" });
        }

        return result;
    }
}
