using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Telemetry;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Resources.ScenarioRunner;

/// <summary>
/// Runs a scenario's suites against the substrate the other resources form, once they are healthy. It is the
/// system's main job: the CLI (or a test) awaits <c>RunAsync</c>; its progress feeds the console, telemetry
/// and the run view, whose URL the runner shows.
/// </summary>
public sealed class ScenarioRunnerResource : HarnessResource
{
    private readonly List<IRunObserver> observers = [];
    private int running;

    public ScenarioRunnerResource(string name, LiveScenario scenario, string substrateName)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        Progress = new RunProgress(scenario.Name, substrateName, scenario.Profiles.Select(p => p.Name).ToList());
    }

    public LiveScenario Scenario { get; }

    /// <summary>The suites to run (default: the scenario's).</summary>
    public IReadOnlyList<SuiteDefinition>? Suites { get; set; }

    public RunProgress Progress { get; }

    /// <summary>Where the substrate comes from once every resource is healthy.</summary>
    public Func<ILiveSubstrate>? Substrate { get; set; }

    public IStaticAnalysis? StaticAnalysis { get; set; }

    /// <summary>The run view showing this runner's run (its URL is the runner's).</summary>
    public RunViewResource? View { get; internal set; }

    public override IEnumerable<(string Name, Uri Url)> Urls() => View?.Url is { } url ? [("run view", url)] : [];

    /// <summary>A run is going on (commands that start one are disabled meanwhile).</summary>
    public bool IsRunning => Volatile.Read(ref running) != 0;

    /// <summary>The "keep the cluster" command was used: the CLI keeps everything up after the run, as reproduce does.</summary>
    public bool KeepRequested { get; set; }

    public void AddObserver(IRunObserver observer) => observers.Add(observer);

    public override Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
    {
        Log.Write($"ready to run scenario {Scenario.Name}; the run view is at {View?.Url?.ToString() ?? "(none)"}");
        return Task.CompletedTask;
    }

    /// <summary>Runs the suites and returns the report (never throws for failing checks).</summary>
    public async Task<RunReport> RunAsync(CancellationToken cancellationToken = default) => await RunAsync(Suites, cancellationToken);

    /// <summary>Runs <paramref name="suites"/> (null: the scenario's) and returns the report.</summary>
    public async Task<RunReport> RunAsync(IReadOnlyList<SuiteDefinition>? suites, CancellationToken cancellationToken = default)
    {
        var substrate = Substrate?.Invoke() ?? throw new InvalidOperationException($"Scenario runner '{Name}' has no substrate; compose it with WithSubstrate(...).");
        if (Interlocked.Exchange(ref running, 1) != 0)
        {
            throw new InvalidOperationException($"Scenario runner '{Name}' is already running; wait for that run to end.");
        }

        try
        {
            return await RunOnceAsync(substrate, suites, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }

    private async Task<RunReport> RunOnceAsync(ILiveSubstrate substrate, IReadOnlyList<SuiteDefinition>? suites, CancellationToken cancellationToken)
    {
        await PublishStateAsync("Running suites", KnownResourceStateStyles.Info, new ResourcePropertySnapshot("pv.suites", string.Join(", ", (suites ?? Scenario.Suites).Select(s => s.Name))));
        var observer = new CompositeRunObserver([Progress, new TelemetryRunObserver(), .. observers, new LogObserver(this)]);
        var runner = new Validators.Live.Runner.ScenarioRunner(Scenario, substrate, observer) { StaticAnalysis = StaticAnalysis };
        var report = await runner.RunAsync(suites, cancellationToken);
        Progress.Final = report;
        var passed = report.Checks.Count(c => c.Outcome == CheckOutcome.Passed);
        var failed = report.Checks.Count(c => c.Outcome == CheckOutcome.Failed);
        await PublishStateAsync(
            report.Outcome.ToString(),
            report.Outcome == RunOutcome.Passed ? KnownResourceStateStyles.Success : KnownResourceStateStyles.Error,
            new ResourcePropertySnapshot("pv.outcome", report.Outcome.ToString()),
            new ResourcePropertySnapshot("pv.checks", $"{passed} passed, {failed} failed"));
        return report;
    }

    private sealed class LogObserver(ScenarioRunnerResource owner) : IRunObserver
    {
        public void StepStarted(string suite, string step, string? profile) => owner.Log.Write($"step {suite}/{step} {profile}");

        public void StepFinished(StepRecord step) => owner.Log.Write($"step {step.Suite}/{step.Step} {step.Outcome} in {step.Duration.TotalSeconds:0.0} s");

        public void CheckRecorded(CheckResult check) => owner.Log.Write($"{check.Outcome} {check.Column} {check.Profile}: {check.Message}");

        public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
        {
        }

        public void Info(string message) => owner.Log.Write(message);
    }
}
