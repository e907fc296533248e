using System.CommandLine;
using System.Globalization;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Reporting;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>validate</c>: static validation of every profile of a platform repo (no cluster). Exit 0 when no finding is an
/// error, 1 when one is, 2 when it could not run (bad arguments, unreadable scenario or repo).
/// </summary>
public static class ValidateCommand
{
    /// <summary>The default limit for one run (<c>--timeout</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario", "-s")
        {
            Description = "Scenario file describing the repo, its layers, profiles, cost gates and externals (docs/scenario-format.md).",
            HelpName = "FILE",
        };
        var repo = new Option<string?>("--repo", "-r")
        {
            Description = "Platform repo directory. Alone: discover every Application/ApplicationSet/AppProject, validate the roots as profile 'all'. With --scenario: validate this checkout instead of the scenario's repo.path.",
            HelpName = "DIR",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Report format: text, json, junit (JUnit XML), sarif (SARIF 2.1.0), markdown (a PR comment / job summary) or html (the same as a self-contained page).",
            DefaultValueFactory = _ => "text",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong([.. ReportWriters.Names]);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to FILE instead of standard output (a one-line verdict still goes to standard output).",
            HelpName = "FILE",
        };
        var suggest = new Option<bool>("--suggest-project")
        {
            Description = "Print the minimal AppProject clusterResourceWhitelist/namespaceResourceWhitelist that covers every profile, instead of the report.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Give up after this many seconds (default 600).",
            DefaultValueFactory = _ => (int)DefaultTimeout.TotalSeconds,
            HelpName = "SECONDS",
        };
        var maxFileSize = new Option<long?>(LoaderOptions.MaxFileBytesOption)
        {
            Description = $"Largest manifest file read, in bytes (default {LoaderOptions.Default.MaxFileBytes}); a larger file is a YAML001 finding.",
            HelpName = "BYTES",
        };
        maxFileSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is <= 0)
            {
                result.AddError($"{LoaderOptions.MaxFileBytesOption} must be a positive number of bytes (e.g. {LoaderOptions.MaxFileBytesOption} 33554432 for 32 MiB).");
            }
        });
        var baseRevision = new Option<string?>("--base")
        {
            Description = "Pull-request gate: compare with this git revision (branch, tag, SHA; 'merge-base' = the merge-base with origin/HEAD). Reports findings new/fixed, apps and resources added/changed/removed per profile and what a merge deletes; exit 1 only for new errors and blocked deletions.",
            HelpName = "REV",
        };
        var headRevision = new Option<string?>("--head")
        {
            Description = "With --base: compare this revision instead of the working tree.",
            HelpName = "REV",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "With --base: 'new' (default) fails only on new errors; 'all' on every error at the head.",
            DefaultValueFactory = _ => "new",
            HelpName = "new|all",
        };
        failOn.AcceptOnlyFromAmong("new", "all");
        var allowPrune = new Option<string[]>("--allow-prune")
        {
            Description = "With --base: a deletion that is intended (Kind/namespace/name glob, '*' for all), so it is no PRUNE001. Repeatable.",
            HelpName = "PATTERN",
            AllowMultipleArgumentsPerToken = false,
        };
        var linkBase = new Option<string?>("--link-base")
        {
            Description = "With --base and --format markdown: URL prefix for file:line links at the head (e.g. https://github.com/ORG/REPO/blob/SHA).",
            HelpName = "URL",
        };
        var platform = new Option<string[]>("--platform")
        {
            Description = $"What the cluster provides without any app: {string.Join(", ", Validators.Graph.ClusterDefaults.Platforms)} (default k3s; without --scenario openshift when the Argo CD objects live in openshift-gitops; repeatable). The Argo CD namespace is always provided.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        platform.AcceptOnlyFromAmong([.. Validators.Graph.ClusterDefaults.Platforms]);
        var externals = new Option<string?>("--externals")
        {
            Description = "YAML file with an 'externals:' list (the format of a scenario's externals): objects the cluster provides (CRDs as {kind, name: '*'}, StorageClasses, namespaces, Secrets); and optionally 'clusters:', the cluster Secrets Argo CD holds (name, server, labels, annotations) for ApplicationSet clusters generators.",
            HelpName = "FILE",
        };
        var repoUrl = new Option<string?>("--repo-url")
        {
            Description = "Without --scenario: this repo's URL as Applications write it (default: git remote get-url origin; else guessed and REPO001 stays silent).",
            HelpName = "URL",
        };
        var roots = new Option<string[]>("--root")
        {
            Description = "Without --scenario: validate just this root file (repo-relative; repeatable) instead of every discovered root, e.g. one example tree.",
            HelpName = "FILE",
        };
        var billable = new Option<string[]>("--billable-resource")
        {
            Description = "Extended resource that costs money while requested (GATE001; repeatable; a trailing * matches by prefix). Default: nvidia.com/gpu, nvidia.com/mig-*, amd.com/gpu, google.com/tpu, aws.amazon.com/neuron*.",
            HelpName = "RESOURCE",
        };
        var helmBinary = RenderCommand.HelmBinaryOption();
        var chartCache = RenderCommand.ChartCacheOption();
        var enableHelm = new Option<bool>("--kustomize-enable-helm") { Description = "Inflate kustomize helmCharts, as Argo CD does when argocd-cm kustomize.buildOptions has --enable-helm." };
        var command = new Command("validate", "Statically check that every profile of an Argo CD platform repo is dependency-complete, cost-gated, narrowing-safe, wave-ordered and allowed by its AppProject. Exit 0: no error finding; 1: error findings; 2: could not run.")
        {
            scenario, repo, format, output, suggest, timeout, maxFileSize, platform, externals, repoUrl, roots, billable, baseRevision, headRevision, failOn, allowPrune, linkBase, helmBinary, chartCache, enableHelm,
        };
        command.SetAction((parse, cancellationToken) => parse.GetValue(baseRevision) is not null || parse.GetValue(headRevision) is not null
            ? RunChangesAsync(parse, scenario, repo, format, output, timeout, baseRevision, headRevision, failOn, allowPrune, linkBase, cancellationToken)
            : RunAsync(
            new ValidateArguments(
                parse.GetValue(scenario),
                parse.GetValue(repo),
                ReportWriters.Parse(parse.GetValue(format)) ?? ReportFormat.Text,
                parse.GetValue(output),
                parse.GetValue(suggest),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))))
            {
                MaxFileBytes = parse.GetValue(maxFileSize),
                Platforms = parse.GetValue(platform) ?? [],
                Externals = parse.GetValue(externals),
                RepoUrl = parse.GetValue(repoUrl),
                Roots = parse.GetValue(roots) ?? [],
                BillableResources = parse.GetValue(billable) ?? [],
                HelmBinary = parse.GetValue(helmBinary),
                ChartCache = parse.GetValue(chartCache),
                KustomizeEnableHelm = parse.GetValue(enableHelm),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Task<int> RunChangesAsync(
        ParseResult parse,
        Option<string?> scenario,
        Option<string?> repo,
        Option<string> format,
        Option<string?> output,
        Option<int> timeout,
        Option<string?> baseRevision,
        Option<string?> headRevision,
        Option<string> failOn,
        Option<string[]> allowPrune,
        Option<string?> linkBase,
        CancellationToken cancellationToken)
    {
        var args = new ValidateArguments(
            parse.GetValue(scenario),
            parse.GetValue(repo),
            ReportWriters.Parse(parse.GetValue(format)) ?? ReportFormat.Text,
            parse.GetValue(output),
            false,
            TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))));
        if (args.Scenario is null && args.Repo is null)
        {
            parse.InvocationConfiguration.Error.WriteLine("error: validate --base needs --scenario FILE or --repo DIR (a git checkout).");
            return Task.FromResult(CommandCatalog.CouldNotRun);
        }

        var changes = new ValidateChanges.ChangeArguments(
            parse.GetValue(baseRevision) ?? "merge-base",
            parse.GetValue(headRevision),
            parse.GetValue(failOn) == "all",
            parse.GetValue(allowPrune) ?? [],
            parse.GetValue(linkBase));
        return ValidateChanges.RunAsync(args, changes, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
    }

    /// <summary>The parsed options of one <c>validate</c> run.</summary>
    public sealed record ValidateArguments(string? Scenario, string? Repo, ReportFormat Format, string? Output, bool SuggestProject, TimeSpan Timeout)
    {
        /// <summary>The largest manifest file read (<c>--max-file-size</c>); null keeps <see cref="LoaderOptions.Default"/>.</summary>
        public long? MaxFileBytes { get; init; }
        /// <summary><c>--platform</c> presets (empty = k3s).</summary>
        public IReadOnlyList<string> Platforms { get; init; } = [];

        /// <summary><c>--externals</c> file.</summary>
        public string? Externals { get; init; }

        /// <summary><c>--repo-url</c>.</summary>
        public string? RepoUrl { get; init; }

        /// <summary><c>--root</c> files.</summary>
        public IReadOnlyList<string> Roots { get; init; } = [];

        /// <summary><c>--billable-resource</c> (empty = the defaults).</summary>
        public IReadOnlyList<string> BillableResources { get; init; } = [];

        /// <summary><c>--helm-binary</c>: render Helm sources with this helm instead of the built-in renderer.</summary>
        public string? HelmBinary { get; init; }

        /// <summary><c>--chart-cache</c>: chart archives for Helm/OCI repository charts.</summary>
        public string? ChartCache { get; init; }

        /// <summary><c>--kustomize-enable-helm</c>: inflate kustomize helmCharts.</summary>
        public bool KustomizeEnableHelm { get; init; }

    }

    public static async Task<int> RunAsync(ValidateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Scenario is null && args.Repo is null)
        {
            await stderr.WriteLineAsync("error: validate needs --scenario FILE (e.g. --scenario scenarios/sample.yaml) or --repo DIR (a GitOps repo checkout). Run 'validate --help' for the options.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }

        if (args.Scenario is not null && (args.Roots.Count > 0 || args.RepoUrl is not null))
        {
            await stderr.WriteLineAsync("error: --root and --repo-url apply without a scenario (validate --repo DIR); a scenario names its roots (layers) and repo.url itself.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(args.Timeout);
        ValidationReport report;
        try
        {
            // Every problem ends as a message and exit 2; every stage, parsing included, stops at the limit or a signal.
            report = await ValidateDeadline.RunAsync(token => ValidateCoreAsync(args, token), limit.Token).ConfigureAwait(false);
        }
        catch (ScenarioException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
        catch (LoadException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"error: validation did not finish within {args.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--timeout); a repo this large may need a longer limit, or a tool (kubectl kustomize, helm) is stuck.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
        catch (OperationCanceledException)
        {
            // Stopped by SIGINT/SIGTERM: 128 + the signal number, as for every command (CommandCatalog.SignalExitBase).
            var signals = TerminationSignals.Current;
            await stderr.WriteLineAsync($"error: validation was cancelled{signals?.ByWhat}; no report was written.").ConfigureAwait(false);
            return signals?.ExitCode ?? CommandCatalog.CouldNotRun;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync($"error: validation could not run: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("This is a harness problem, not a finding about the repo; rerun with PV_DEBUG=1 for the stack trace and report it.").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("PV_DEBUG") == "1")
            {
                await stderr.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return CommandCatalog.CouldNotRun;
        }

        return await WriteAsync(report, args, stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<ValidationReport> ValidateCoreAsync(ValidateArguments args, CancellationToken cancellationToken)
    {
        var validator = new StaticValidator(Options(args));
        if (args.Scenario is not null)
        {
            var scenario = ScenarioParser.Load(args.Scenario);
            cancellationToken.ThrowIfCancellationRequested();
            if (args.Repo is not null)
            {
                scenario = scenario with { Repo = scenario.Repo with { Directory = RepoDirectory(args.Repo) } };
            }

            return await validator.ValidateAsync(scenario, cancellationToken).ConfigureAwait(false);
        }

        return await validator.DiscoverAndValidateAsync(RepoDirectory(args.Repo!), cancellationToken).ConfigureAwait(false);
    }

    private static StaticValidatorOptions Options(ValidateArguments args)
    {
        var defaults = StaticValidatorOptions.Default;
        var declared = args.Externals is null ? null : ExternalsFile.LoadDeclaration(args.Externals);
        var options = defaults with
        {
            Platforms = args.Platforms.Count > 0 ? args.Platforms.Distinct(StringComparer.Ordinal).ToList() : defaults.Platforms,
            Externals = declared?.Externals ?? [],
            Clusters = declared?.Clusters ?? [],
            RepoUrl = args.RepoUrl,
            Roots = args.Roots,
            BillableResources = args.BillableResources.Count > 0 ? args.BillableResources : StaticValidatorOptions.DefaultBillableResources,
        };
        var render = options.Expansion.Render with { HelmPath = args.HelmBinary, ChartCacheDirectory = args.ChartCache, KustomizeEnableHelm = args.KustomizeEnableHelm };
        if (args.MaxFileBytes is { } max)
        {
            render = render with { Loader = render.Loader with { MaxFileBytes = max } };
        }

        return options with { Expansion = options.Expansion with { Render = render } };
    }

    private static async Task<int> WriteAsync(ValidationReport report, ValidateArguments args, TextWriter stdout, TextWriter stderr)
    {
        var exit = report.HasErrors ? CommandCatalog.ChecksFailed : CommandCatalog.Passed;
        if (args.SuggestProject)
        {
            exit = CommandCatalog.Passed;
        }

        try
        {
            if (args.Output is null)
            {
                var color = args.Format == ReportFormat.Text && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected &&
                            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
                Render(report, args, stdout, color);
                return exit;
            }

            var path = Path.GetFullPath(args.Output);
            if (Path.GetDirectoryName(path) is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            await using (var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
            {
                Render(report, args, file, color: false);
            }

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(report.HasErrors ? "FAILED" : "PASSED")}: {report.Count(Severity.Error)} error(s), {report.Count(Severity.Warning)} warning(s) in {report.Profiles.Count} profile(s); {(args.SuggestProject ? "AppProject suggestion" : args.Format.ToString().ToLowerInvariant() + " report")} written to {args.Output}")).ConfigureAwait(false);
            return exit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: cannot write {args.Output}: {e.Message}; choose a writable --output path.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
    }

    private static void Render(ValidationReport report, ValidateArguments args, TextWriter writer, bool color)
    {
        if (!args.SuggestProject)
        {
            ReportWriters.Write(report, args.Format, writer, color);
            return;
        }

        writer.WriteLine($"# Minimal AppProject resource whitelists covering every profile of {report.Scenario}.");
        writer.WriteLine("# Kinds come from the rendered manifests; review before replacing '*'.");
        foreach (var suggestion in report.SuggestedProjects)
        {
            writer.Write(suggestion.ToYaml());
        }
    }

    private static string RepoDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new LoadException($"--repo {path} is a file; pass the repo directory (or use --scenario for a scenario file).");
        }

        if (!Directory.Exists(full))
        {
            throw new LoadException($"--repo {path} does not exist (looked at {full}); pass the directory of a platform repo checkout.");
        }

        return full;
    }
}
