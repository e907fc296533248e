using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>Collects a run's results while it runs (thread-safe) and freezes them into a <see cref="RunReport"/>.</summary>
public sealed class RunReportBuilder
{
    private readonly Lock gate = new();
    private readonly List<CheckResult> checks = [];
    private readonly List<AppTiming> timings = [];
    private readonly List<StepRecord> steps = [];
    private readonly Dictionary<string, AppDiagnostics> diagnostics = new(StringComparer.Ordinal);
    private readonly List<Finding> findings = [];

    public void Add(CheckResult check)
    {
        lock (gate)
        {
            checks.Add(check);
        }
    }

    public void Add(AppTiming timing)
    {
        lock (gate)
        {
            timings.RemoveAll(t => t.Profile == timing.Profile && t.App == timing.App);
            timings.Add(timing);
        }
    }

    public void Add(StepRecord step)
    {
        lock (gate)
        {
            steps.Add(step);
        }
    }

    /// <summary>Adds a static finding (keep its <see cref="Finding.Profile"/> set).</summary>
    public void Add(Finding finding)
    {
        lock (gate)
        {
            findings.Add(finding);
        }
    }

    /// <summary>Keeps the latest diagnostics of an app.</summary>
    public void Add(AppDiagnostics d)
    {
        lock (gate)
        {
            diagnostics[d.App] = d;
        }
    }

    public IReadOnlyList<CheckResult> Checks
    {
        get
        {
            lock (gate)
            {
                return checks.ToList();
            }
        }
    }

    public RunReport Build(string scenario, string substrate, DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<string> profiles, RunOutcome? outcome = null, string? message = null)
    {
        lock (gate)
        {
            var computed = outcome ?? (checks.Any(c => c.Outcome == CheckOutcome.Failed) ? RunOutcome.Failed : RunOutcome.Passed);
            return new RunReport(scenario, substrate, startedAt, duration, computed, profiles, checks.ToList(), timings.ToList(), steps.ToList(), diagnostics.Values.ToList()) { Message = message, Findings = findings.ToList() };
        }
    }
}
