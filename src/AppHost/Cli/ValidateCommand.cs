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
            Description = "Report format: text, json, junit (JUnit XML) or sarif (SARIF 2.1.0).",
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
        var helmBinary = RenderCommand.HelmBinaryOption();
        var chartCache = RenderCommand.ChartCacheOption();
        var enableHelm = new Option<bool>("--kustomize-enable-helm") { Description = "Inflate kustomize helmCharts, as Argo CD does when argocd-cm kustomize.buildOptions has --enable-helm." };
        var command = new Command("validate", "Statically check that every profile of an Argo CD platform repo is dependency-complete, cost-gated, narrowing-safe, wave-ordered and allowed by its AppProject. Exit 0: no error finding; 1: error findings; 2: could not run.")
        {
            scenario, repo, format, output, suggest, timeout, helmBinary, chartCache, enableHelm,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ValidateArguments(
                parse.GetValue(scenario),
                parse.GetValue(repo),
                ReportWriters.Parse(parse.GetValue(format)) ?? ReportFormat.Text,
                parse.GetValue(output),
                parse.GetValue(suggest),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))))
            {
                HelmBinary = parse.GetValue(helmBinary),
                ChartCache = parse.GetValue(chartCache),
                KustomizeEnableHelm = parse.GetValue(enableHelm),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>The parsed options of one <c>validate</c> run.</summary>
    public sealed record ValidateArguments(string? Scenario, string? Repo, ReportFormat Format, string? Output, bool SuggestProject, TimeSpan Timeout)
    {
        /// <summary><c>--helm-binary</c>: render Helm sources with this helm instead of the built-in renderer.</summary>
        public string? HelmBinary { get; init; }

        /// <summary><c>--chart-cache</c>: chart archives for Helm/OCI repository charts.</summary>
        public string? ChartCache { get; init; }

        /// <summary><c>--kustomize-enable-helm</c>: inflate kustomize helmCharts.</summary>
        public bool KustomizeEnableHelm { get; init; }

        internal StaticValidator Validator()
        {
            var defaults = StaticValidatorOptions.Default;
            var render = defaults.Expansion.Render with { HelmPath = HelmBinary, ChartCacheDirectory = ChartCache, KustomizeEnableHelm = KustomizeEnableHelm };
            return new StaticValidator(defaults with { Expansion = defaults.Expansion with { Render = render } });
        }
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

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(args.Timeout);
        ValidationReport report;
        try
        {
            // Every problem ends as a message and exit 2: a stack trace is never the only output.
            if (args.Scenario is not null)
            {
                var scenario = ScenarioParser.Load(args.Scenario);
                if (args.Repo is not null)
                {
                    scenario = scenario with { Repo = scenario.Repo with { Directory = RepoDirectory(args.Repo) } };
                }

                report = await args.Validator().ValidateAsync(scenario, limit.Token).ConfigureAwait(false);
            }
            else
            {
                var repo = RepoDirectory(args.Repo!);
                report = await args.Validator().DiscoverAndValidateAsync(repo, limit.Token).ConfigureAwait(false);
            }
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
            await stderr.WriteLineAsync("error: validation was cancelled.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
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
