using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Telemetry;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Resources.ScenarioRunner;

/// <summary>
/// Runs a scenario's suites against the substrate the other resources form, once they are healthy. It is the
/// system's main job: the CLI awaits <see cref="RunAsync"/>; its progress feeds the console, metrics and dashboard.
/// </summary>
public sealed class ScenarioRunnerResource : Resource
{
    private readonly List<IRunObserver> observers = [];

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

    public void AddObserver(IRunObserver observer) => observers.Add(observer);

    /// <summary>Runs the suites and returns the report (never throws for failing checks).</summary>
    public async Task<RunReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var substrate = Substrate?.Invoke() ?? throw new InvalidOperationException($"Scenario runner '{Name}' has no substrate; compose it with WithSubstrate(...).");
        SetState(ResourceState.Running);
        var observer = new CompositeRunObserver([Progress, new TelemetryRunObserver(), .. observers, new LogObserver(this)]);
        var runner = new Validators.Live.Runner.ScenarioRunner(Scenario, substrate, observer) { StaticAnalysis = StaticAnalysis };
        var report = await runner.RunAsync(Suites, cancellationToken);
        Progress.Final = report;
        SetState(ResourceState.Finished);
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
