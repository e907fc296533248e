using System.Diagnostics;
using k8s;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Runner;

/// <summary>
/// Everything a step needs: the scenario, the substrate's clients, the named timeouts of the current suite, the
/// report being built, the cleanup stack, and what earlier steps learnt (the apps each profile brought).
/// </summary>
public sealed class RunContext
{
    private long waitingTicks;

    public RunContext(LiveScenario scenario, ILiveSubstrate substrate, Kubernetes client, RunReportBuilder report, IRunObserver observer, SecretRedactor redactor, TimeProvider time)
    {
        Scenario = scenario;
        Substrate = substrate;
        Client = client;
        Dynamic = new DynamicClient(client);
        Argo = new ArgoCdClient(Dynamic, substrate.ArgoCdNamespace);
        Proxy = new ServiceProxy(Dynamic.Http);
        PortForward = new PortForwarder(client);
        Report = report;
        Observer = observer;
        Redactor = redactor;
        Time = time;
        Timeouts = scenario.Timeouts;
    }

    public LiveScenario Scenario { get; }

    public ILiveSubstrate Substrate { get; }

    /// <summary>The typed client (pods, events, logs, scale).</summary>
    public Kubernetes Client { get; }

    public DynamicClient Dynamic { get; }

    public ArgoCdClient Argo { get; }

    public ServiceProxy Proxy { get; }

    /// <summary>Requests that carry their own Authorization (the smoke's API key), which the service proxy cannot forward.</summary>
    public PortForwarder PortForward { get; }

    public RunReportBuilder Report { get; }

    public IRunObserver Observer { get; }

    public SecretRedactor Redactor { get; }

    public TimeProvider Time { get; }

    /// <summary>The named timeouts in force for the current suite.</summary>
    public LiveTimeouts Timeouts { get; internal set; }

    /// <summary>The current suite's name (checks are recorded under it).</summary>
    public string Suite { get; internal set; } = string.Empty;

    /// <summary>Undo actions of the current suite.</summary>
    public CleanupStack Cleanups { get; } = new();

    /// <summary>The Applications seen after each profile was applied (filled by the apply/wait steps).</summary>
    public Dictionary<string, IReadOnlySet<string>> AppsByProfile { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Profiles that did not become healthy in this run, with where and why ("profile-matrix: app x …"): a later suite
    /// that needs the same profile reuses the result instead of waiting again.
    /// </summary>
    public Dictionary<string, string> ProfileFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>The profile most recently applied and healthy, when known.</summary>
    public string? CurrentProfile { get; set; }

    /// <summary>Time spent waiting on the cluster so far.</summary>
    public TimeSpan Waiting => TimeSpan.FromTicks(Interlocked.Read(ref waitingTicks));

    public void Pass(string check, string? profile, string message, string? app = null, TimeSpan duration = default) => Record(check, profile, CheckOutcome.Passed, message, app, duration);

    public void Fail(string check, string? profile, string message, string? app = null, TimeSpan duration = default) => Record(check, profile, CheckOutcome.Failed, message, app, duration);

    public void Skip(string check, string? profile, string message, string? app = null) => Record(check, profile, CheckOutcome.Skipped, message, app, TimeSpan.Zero);

    public void Record(string check, string? profile, CheckOutcome outcome, string message, string? app, TimeSpan duration)
    {
        var result = new CheckResult(Suite, check, profile, outcome, Redactor.Redact(message), duration) { App = app };
        Report.Add(result);
        Observer.CheckRecorded(result);
    }

    public void Info(string message) => Observer.Info(Redactor.Redact(message));

    /// <summary>Records the static findings of <paramref name="profile"/> in the report (findings without a profile get it).</summary>
    public void Record(string profile, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var withProfile = findings.Select(f => f.Profile is null ? f with { Profile = profile } : f).ToList();
        foreach (var f in withProfile)
        {
            Report.Add(f);
        }

        Observer.FindingsRecorded(profile, withProfile);
    }

    /// <summary>Records a failing app's diagnostics in the report.</summary>
    public void Record(AppDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        Report.Add(diagnostics);
        Observer.DiagnosticsCollected(diagnostics);
    }

    /// <summary>
    /// Polls <paramref name="poll"/> every <see cref="LiveTimeouts.PollInterval"/> until it reports done, and
    /// returns its value. On timeout throws <see cref="WaitTimeoutException"/> naming what was awaited, the named
    /// timeout, and the last state the poll described. Time between polls counts as waiting.
    /// </summary>
    public async Task<T> WaitUntilAsync<T>(string what, string timeoutName, TimeSpan timeout, Func<CancellationToken, Task<(bool Done, T Value, string State)>> poll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var started = Time.GetTimestamp();
        var state = "not observed yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (done, value, description) = await poll(cancellationToken);
            state = description;
            if (done)
            {
                return value;
            }

            if (Time.GetElapsedTime(started) >= timeout)
            {
                throw new WaitTimeoutException(Redactor.Redact($"Timed out after {Suites.DurationText.Format(timeout)} (timeout '{timeoutName}') waiting for {what}; last state: {state}"));
            }

            await DelayAsync(Timeouts.PollInterval, cancellationToken);
        }
    }

    /// <summary>Waits (counted as waiting time), honouring cancellation.</summary>
    public async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await Task.Delay(delay, Time, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref waitingTicks, sw.Elapsed.Ticks);
        }
    }
}
