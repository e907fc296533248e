using PlatformValidation.AppHost.Composition;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.Scenario.Tests.Support;

/// <summary>What one run of the scenario left for the tests: the running AppHost, the report, the checks per step, the console output and the traces.</summary>
internal sealed record RunResults(HarnessApp App, RunReport Report, StepRecorder Steps, string Console, Func<IReadOnlyList<string>> Traces);
