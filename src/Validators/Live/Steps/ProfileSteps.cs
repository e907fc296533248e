using System.Diagnostics;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>Applying a profile and waiting for it: what <c>make root</c> and <c>make wait</c> do, as checks.</summary>
public static class ProfileSteps
{
    public const string ApplyCheck = LiveChecks.Apply;
    public const string HealthyCheck = LiveChecks.AppsHealthy;

    /// <summary>
    /// What a step that waits for a profile may spend, beyond the healthy timeout, explaining why apps did not get
    /// healthy (live causes, diagnostics bundles). Only a failing wait uses it.
    /// </summary>
    public static readonly TimeSpan ReportingAllowance = TimeSpan.FromSeconds(20);

    /// <summary>Applies the AppProject and then each layer's roots in order, as <c>make root PROFILE=…</c> does.</summary>
    public static async Task ApplyAsync(RunContext ctx, string profileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var profile = ctx.Scenario.Profile(profileName);
        var sw = Stopwatch.StartNew();
        var objects = ProfileManifests.Load(ctx, profile);
        foreach (var (_, body) in objects)
        {
            try
            {
                await ctx.Dynamic.ApplyAsync(body, ctx.Substrate.ArgoCdNamespace, cancellationToken);
            }
            catch (KubeApiException e)
            {
                ctx.Fail(ApplyCheck, profileName, $"profile {profileName}: {e.Message}", duration: sw.Elapsed);
                throw new StepFailedException($"Applying profile {profileName} failed: {e.Message}", e);
            }
        }

        ctx.Pass(ApplyCheck, profileName, $"applied {objects.Count} object(s): {string.Join(", ", objects.Select(o => ObjectRef.Of(o.Body).ToString()))}", duration: sw.Elapsed);
    }

    /// <summary>
    /// Waits until every auto-sync Application is Synced and Healthy and every manual one exists, with the set of
    /// Applications stable; records time-to-healthy per app and one check per app. On timeout, each app that is
    /// not there records a failure with Argo CD's own message, and its diagnostics are collected.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, AppState>> WaitHealthyAsync(RunContext ctx, string profileName, DateTimeOffset appliedAt, CancellationToken cancellationToken, bool recordChecks = true)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var profile = ctx.Scenario.Profile(profileName);
        var roots = ProfileManifests.Load(ctx, profile)
            .Where(o => o.Body["kind"]?.GetValue<string>() == ArgoLive.Application)
            .Select(o => ObjectRef.Of(o.Body).Name)
            .ToHashSet(StringComparer.Ordinal);
        var healthyAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, AppState> last = new Dictionary<string, AppState>();
        var stableSince = ctx.Time.GetTimestamp();
        var lastSet = string.Empty;
        var terminal = new TerminalStates(ctx);
        var stoppedEarly = false;
        try
        {
            last = await ctx.WaitUntilAsync(
                $"every auto-sync app of profile {profileName} to be Synced and Healthy",
                "healthy",
                ctx.Timeouts.Healthy,
                async token =>
                {
                    var apps = await ctx.Argo.ListAsync(token);
                    last = apps;
                    foreach (var app in apps.Values.Where(a => a.IsSyncedAndHealthy && !healthyAt.ContainsKey(a.Name)))
                    {
                        var t = ctx.Time.GetUtcNow() - appliedAt;
                        healthyAt[app.Name] = t;
                        ctx.Report.Add(new Reports.AppTiming(profileName, app.Name, t));
                        ctx.Observer.AppHealthy(profileName, app.Name, t);
                    }

                    var missingRoots = roots.Where(r => !apps.ContainsKey(r)).ToList();
                    var pending = apps.Values.Where(a => (a.Automated || roots.Contains(a.Name)) && !a.IsSyncedAndHealthy).ToList();
                    var set = string.Join(",", apps.Keys.Order(StringComparer.Ordinal));
                    if (set != lastSet)
                    {
                        lastSet = set;
                        stableSince = ctx.Time.GetTimestamp();
                    }

                    var stable = ctx.Time.GetElapsedTime(stableSince) >= ctx.Timeouts.Settle / 4;
                    if (missingRoots.Count == 0 && await terminal.UpdateAsync(pending, token))
                    {
                        stoppedEarly = true;
                        return (true, apps, "stopped: terminal state");
                    }

                    var done = missingRoots.Count == 0 && pending.Count == 0 && stable;
                    var state = missingRoots.Count > 0
                        ? $"root(s) {string.Join(", ", missingRoots)} not found"
                        : pending.Count > 0
                            ? string.Join("; ", pending.Take(5).Select(a => $"{a.Name} {a.SyncStatus}/{a.HealthStatus}"))
                            : "waiting for the set of Applications to settle";
                    return (done, apps, state);
                },
                cancellationToken);
        }
        catch (WaitTimeoutException e)
        {
            await FailProfileAsync(ctx, profileName, roots, last, terminal, e.Message, cancellationToken);
            throw new StepFailedException(ctx.ProfileFailures[profileName], e);
        }

        if (stoppedEarly)
        {
            await FailProfileAsync(ctx, profileName, roots, last, terminal, null, cancellationToken);
            throw new StepFailedException(ctx.ProfileFailures[profileName]);
        }

        if (recordChecks)
        {
            foreach (var app in last.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var message = app.Automated || roots.Contains(app.Name)
                    ? $"app {app.Name} Synced+Healthy after {Suites.DurationText.Format(healthyAt.GetValueOrDefault(app.Name))}"
                    : $"app {app.Name} (manual sync) exists, {app.SyncStatus}/{app.HealthStatus}";
                ctx.Pass(HealthyCheck, profileName, message, app.Name, healthyAt.GetValueOrDefault(app.Name));
            }
        }

        ctx.AppsByProfile[profileName] = last.Keys.ToHashSet(StringComparer.Ordinal);
        ctx.CurrentProfile = profileName;
        return last;
    }

    /// <summary>
    /// Records why the profile is not healthy: one failure per app that is not, naming the terminal cause or Argo CD's
    /// message plus the live causes, then the diagnostics of each; remembers the failure for later suites.
    /// </summary>
    private static async Task FailProfileAsync(RunContext ctx, string profileName, IReadOnlySet<string> roots, IReadOnlyDictionary<string, AppState> last, TerminalStates terminal, string? timeoutMessage, CancellationToken cancellationToken)
    {
        var pending = last.Values.Where(a => (a.Automated || roots.Contains(a.Name)) && !a.IsSyncedAndHealthy).ToList();
        foreach (var missing in roots.Where(r => !last.ContainsKey(r)))
        {
            ctx.Fail(HealthyCheck, profileName, $"app {missing} (a root of profile {profileName}) does not exist: applying it did not create it.", missing);
        }

        var failedApps = terminal.Terminal.Keys.Where(k => pending.Any(p => p.Name == k)).Order(StringComparer.Ordinal).ToList();

        // Every failure first (with the live cause), then the slower diagnostics bundle of each.
        foreach (var app in pending)
        {
            var explanation = await UnhealthyCauses.ExplainAsync(ctx, app, cancellationToken);
            var message = terminal.Terminal.TryGetValue(app.Name, out var cause)
                ? $"app {app.Name} (profile {profileName}) is {app.SyncStatus}/{app.HealthStatus} and will stay so: {cause}; {explanation}"
                : failedApps.Count > 0
                    ? $"app {app.Name} (profile {profileName}) is {app.SyncStatus}/{app.HealthStatus}, not moving since {string.Join(", ", failedApps)} reached a terminal state: {explanation}"
                    : $"app {app.Name} (profile {profileName}) is {app.SyncStatus}/{app.HealthStatus}: {explanation}";
            ctx.Fail(HealthyCheck, profileName, message, app.Name);
        }

        if (pending.Count == 0 && roots.All(last.ContainsKey))
        {
            ctx.Fail(HealthyCheck, profileName, timeoutMessage ?? $"profile {profileName} did not become healthy");
        }

        foreach (var app in last.Values.Where(a => !pending.Contains(a)))
        {
            ctx.Pass(HealthyCheck, profileName, $"app {app.Name} is {app.SyncStatus}/{app.HealthStatus}", app.Name);
        }

        foreach (var app in pending)
        {
            await Diagnostics.CollectAsync(ctx, app.Name, profileName, cancellationToken);
        }

        ctx.AppsByProfile[profileName] = last.Keys.ToHashSet(StringComparer.Ordinal);
        var why = failedApps.Count > 0
            ? string.Join("; ", failedApps.Select(a => $"app {a}: {terminal.Terminal[a]}"))
            : $"{pending.Count} app(s) not Synced+Healthy ({string.Join(", ", pending.Select(a => a.Name))}) within timeouts.healthy";
        ctx.ProfileFailures[profileName] = ctx.Redactor.Redact($"profile {profileName} failed in {ctx.Suite}: {why}");
    }

    /// <summary>
    /// Applies the profile and waits for it, without recording per-app checks (a suite's precondition). A profile that
    /// already failed in this run is not awaited again: the step fails at once with that result.
    /// </summary>
    public static async Task EnsureAsync(RunContext ctx, string profileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.ProfileFailures.TryGetValue(profileName, out var earlier))
        {
            throw new StepFailedException($"not run: {earlier}");
        }

        var appliedAt = ctx.Time.GetUtcNow();
        var profile = ctx.Scenario.Profile(profileName);
        foreach (var (_, body) in ProfileManifests.Load(ctx, profile))
        {
            await ctx.Dynamic.ApplyAsync(body, ctx.Substrate.ArgoCdNamespace, cancellationToken);
        }

        await WaitHealthyAsync(ctx, profileName, appliedAt, cancellationToken, recordChecks: false);
    }

    /// <summary>
    /// The <c>make doctor</c> equivalent: every probe of the profile through the service proxy. A probe that fails
    /// names what its Service's pods wait on; when the profile already failed to become healthy each probe is sent
    /// once instead of being awaited.
    /// </summary>
    public static async Task ProbeAsync(RunContext ctx, string profileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Scenario.Probes.TryGetValue(profileName, out var probes) || probes.Count == 0)
        {
            ctx.Skip(LiveChecks.Probes, profileName, $"profile {profileName} declares no probes");
            return;
        }

        foreach (var probe in probes)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                var request = ProbeRequest(probe);
                var status = await ctx.WaitUntilAsync(
                    $"probe {probe.Name} ({probe.Method} {probe.Service}{probe.Path}) to answer {probe.ExpectStatus}",
                    "probe",
                    ctx.ProfileFailures.ContainsKey(profileName) ? TimeSpan.Zero : ctx.Timeouts.Probe,
                    async token =>
                    {
                        var r = await ctx.Proxy.SendAsync(probe.Service, request.Method, request.Path, request.Body, request.Headers, token);
                        return (r.StatusCode == request.ExpectStatus, r.StatusCode, $"answered {r.StatusCode}");
                    },
                    cancellationToken);
                ctx.Pass(LiveChecks.Probes, profileName, $"probe {probe.Name}: {probe.Service}{probe.Path} answered {status}", duration: sw.Elapsed);
            }
            catch (Exception e) when (e is WaitTimeoutException or KubeApiException)
            {
                var causes = await UnhealthyCauses.ForServiceAsync(ctx, probe.Service, cancellationToken);
                var why = causes.Count > 0 ? $"cause: {string.Join("; ", causes)} ({e.Message})" : e.Message;
                ctx.Fail(LiveChecks.Probes, profileName, $"probe {probe.Name}: {probe.Method} {probe.Service}{probe.Path} did not answer {probe.ExpectStatus}: {why}", duration: sw.Elapsed);
            }
        }
    }

    /// <summary>The request a probe sends: <c>method</c> to <c>path</c>, passing on <c>expectStatus</c>.</summary>
    public static LiveRequest ProbeRequest(ProbeCheck probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new LiveRequest(new HttpMethod(probe.Method), probe.Path, null, null, probe.ExpectStatus);
    }

    /// <summary>The names of Application objects among <paramref name="objects"/>.</summary>
    public static IReadOnlyList<string> ApplicationNames(IEnumerable<JsonObject> objects) =>
        objects.Where(o => o["kind"]?.GetValue<string>() == ArgoLive.Application).Select(o => ObjectRef.Of(o).Name).ToList();
}
