using PlatformValidation.AppHost.Cli;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>The bundled sample with the sim's short intervals (timeouts sized for this machine, scaled by the test multiplier).</summary>
internal static class SimScenario
{
    public static LiveScenario Load()
    {
        var file = ScenarioLocator.FindBundled() ?? throw new InvalidOperationException("scenarios/sample.yaml not found above the test directory");
        var s = LiveScenarioFactory.Load(file);
        return s with
        {
            Timeouts = s.Timeouts with
            {
                Apply = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(30)),
                Healthy = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(30)),
                Sync = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(30)),
                Scale = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(30)),
                Teardown = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(30)),
                Smoke = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(15)),
                Probe = PlatformValidation.Tests.TestTimeouts.Scale(TimeSpan.FromSeconds(15)),
                Settle = TimeSpan.FromSeconds(2),
                PollInterval = TimeSpan.FromMilliseconds(100),
            },
        };
    }
}
