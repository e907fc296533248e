using k8s;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Scenario.Tests.Support;

/// <summary>
/// The test cases of a scenario, generated from its file before anything runs: every step the live runner plans for
/// each of the scenario's suites (<see cref="SuitePlanner"/>, the planner the run itself uses, so the cases are the
/// run's steps and no second list of what a suite checks exists), one case per suite, step and profile; plus each
/// suite's cleanup and the release check that closes every run. Planning reads only the scenario: no cluster is
/// contacted.
/// </summary>
internal static class ScenarioCases
{
    /// <summary>The case shown when the scenario cannot be loaded or planned (its check is the message).</summary>
    public const string CouldNotLoad = "could-not-load";

    public static IEnumerable<TestCaseData> All()
    {
        IReadOnlyList<StepKey> keys;
        try
        {
            keys = Plan(ScenarioSelection.Load());
        }
        catch (Exception e) when (e is InvalidOperationException or ScenarioException or Validators.Live.Suites.SuiteFormatException or ScenarioRunException or IOException)
        {
            return [new TestCaseData(StepKey.AllProfiles, CouldNotLoad, e.Message).SetName($"scenario could not be loaded ({ScenarioSelection.ScenarioVariable})")];
        }

        return keys.Select(k => new TestCaseData(k.ProfileProperty, k.Suite, k.Step)
            .SetName(k.ToString())
            .SetProperty("Profile", k.ProfileProperty)
            .SetProperty("Suite", k.Suite)
            .SetProperty("Check", k.Step));
    }

    /// <summary>The steps the runner will run for <paramref name="scenario"/>'s suites on a substrate that serves the repo (sim).</summary>
    public static IReadOnlyList<StepKey> Plan(LiveScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "https://127.0.0.1:1" });
        var ctx = new RunContext(scenario, new PlanningSubstrate(), client, new RunReportBuilder(), NullRunObserver.Instance, new SecretRedactor(), TimeProvider.System);
        var keys = new List<StepKey>();
        foreach (var suite in scenario.Suites)
        {
            foreach (var step in SuitePlanner.Plan(ctx, suite, new StaticValidatorAnalysis()))
            {
                keys.Add(new StepKey(suite.Name, step.Name, step.Profile));
            }

            keys.Add(new StepKey(suite.Name, StepKey.Cleanup, null));
        }

        keys.Add(new StepKey(StepKey.ReleaseSuite, LiveChecks.Released, null));
        return [.. keys.Distinct()];
    }

    /// <summary>A substrate that is only planned against: it serves the repo (as sim does) and is never called.</summary>
    private sealed class PlanningSubstrate : ILiveSubstrate, IServedRepo
    {
        public string Name => "sim";

        public string KubeconfigPath => string.Empty;

        public string ArgoCdNamespace => "argocd";

        public IServedRepo? Repo => this;

        public string RepoUrl => string.Empty;

        public string WorkingDirectory => string.Empty;

        public Kubernetes CreateClient() => throw new InvalidOperationException("planning does not contact a cluster");

        public Task<string> CommitAsync(string message, CancellationToken cancellationToken = default) => throw new InvalidOperationException("planning does not commit");
    }
}
