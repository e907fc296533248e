using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.AppHost.Resources.ScenarioRunner;

/// <summary>The live state of a run as it progresses (what the dashboard shows), and its final report once done.</summary>
public sealed class RunProgress : IRunObserver
{
    private readonly RunReportBuilder builder = new();
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private RunReport? final;
    private long version;

    public RunProgress(string scenario, string substrate, IReadOnlyList<string> profiles)
    {
        Scenario = scenario;
        Substrate = substrate;
        Profiles = profiles;
    }

    public string Scenario { get; }

    public string Substrate { get; }

    public IReadOnlyList<string> Profiles { get; }

    /// <summary>The step running now, as <c>suite/step (profile)</c>.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>The final report, once the run has ended.</summary>
    public RunReport? Final
    {
        get => final;
        set
        {
            final = value;
            Changed();
        }
    }

    /// <summary>Grows by one at every change (the dashboard pushes a new view when it moves).</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>The final report, or a report of what has happened so far.</summary>
    public RunReport Snapshot() => Final ?? builder.Build(Scenario, Substrate, startedAt, DateTimeOffset.UtcNow - startedAt, Profiles);

    public void StepStarted(string suite, string step, string? profile)
    {
        CurrentStep = $"{suite}/{step}{(profile is null ? string.Empty : $" ({profile})")}";
        Changed();
    }

    public void StepFinished(StepRecord step)
    {
        builder.Add(step);
        Changed();
    }

    public void CheckRecorded(CheckResult check)
    {
        builder.Add(check);
        Changed();
    }

    public void AppHealthy(string profile, string app, TimeSpan timeToHealthy)
    {
        builder.Add(new AppTiming(profile, app, timeToHealthy));
        Changed();
    }

    public void Info(string message)
    {
    }

    public void FindingsRecorded(string profile, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var f in findings)
        {
            builder.Add(f);
        }

        Changed();
    }

    public void DiagnosticsCollected(AppDiagnostics diagnostics)
    {
        builder.Add(diagnostics);
        Changed();
    }

    private void Changed() => Interlocked.Increment(ref version);
}
