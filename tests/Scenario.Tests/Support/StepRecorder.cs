using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.Scenario.Tests.Support;

/// <summary>
/// Files each check under the step that was running when it was recorded (the runner reports one step at a time),
/// so that a test case — one step of one profile — reads exactly its own checks. Checks recorded between steps (a
/// suite's cleanups, why it stopped) go to the suite's <see cref="StepKey.Cleanup"/> case; the release check to its own.
/// </summary>
internal sealed class StepRecorder : IRunObserver
{
    private readonly Lock gate = new();
    private readonly Dictionary<StepKey, List<CheckResult>> checks = [];
    private readonly Dictionary<StepKey, List<StepRecord>> steps = [];
    private StepKey? current;

    public IReadOnlyList<CheckResult> ChecksOf(StepKey key)
    {
        lock (gate)
        {
            return checks.TryGetValue(key, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The runs of <paramref name="key"/>'s step (a suite may run a step once per app, e.g. one per cost gate).</summary>
    public IReadOnlyList<StepRecord> RunsOf(StepKey key)
    {
        lock (gate)
        {
            return steps.TryGetValue(key, out var list) ? [.. list] : [];
        }
    }

    public void StepStarted(string suite, string step, string? profile)
    {
        lock (gate)
        {
            current = new StepKey(suite, step, profile);
        }
    }

    public void StepFinished(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (gate)
        {
            Add(steps, new StepKey(step.Suite, step.Step, step.Profile), step);
            current = null;
        }
    }

    public void CheckRecorded(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (gate)
        {
            var key = current ?? (check.Suite == StepKey.ReleaseSuite
                ? new StepKey(StepKey.ReleaseSuite, LiveChecks.Released, null)
                : new StepKey(check.Suite, StepKey.Cleanup, null));
            Add(checks, key, check);
        }
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
    {
    }

    public void Info(string message)
    {
    }

    private static void Add<T>(Dictionary<StepKey, List<T>> map, StepKey key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(item);
    }
}
