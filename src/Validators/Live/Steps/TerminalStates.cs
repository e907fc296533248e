using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// Tells, while a profile is awaited, which apps are in a state they cannot leave without someone changing Git or
/// the cluster, so the wait ends with the cause instead of running out its timeout:
/// <list type="bullet">
/// <item>a completed sync operation that failed on an automated app — Argo CD never re-syncs a revision whose last
/// attempt failed (controller/appcontroller.go <c>autoSync</c>, <c>alreadyAttemptedSync</c>), and this includes an
/// operation that reached its retry limit ("… (retried 5 times)");</item>
/// <item>a <c>SyncError</c>, <c>ComparisonError</c> or <c>InvalidSpecError</c> condition whose message stays the
/// same across reconciles (held for <c>timeouts.settle</c>, at least <see cref="ConditionHold"/>);</item>
/// <item>once the app's sync has finished, a pod that waits on an image it cannot pull (<c>ImagePullBackOff</c>,
/// <c>ErrImagePull</c>, <c>InvalidImageName</c>), on a Secret or ConfigMap that does not exist
/// (<c>CreateContainerConfigError</c>) or that no node can take (<c>Unschedulable</c>), unchanged for
/// <see cref="PodGrace"/>.</item>
/// </list>
/// A running operation (Argo CD still retrying) is never terminal.
/// </summary>
public sealed class TerminalStates
{
    /// <summary>How long a pod-level cause must stay the same before it counts as terminal.</summary>
    public static readonly TimeSpan PodGrace = TimeSpan.FromSeconds(15);

    /// <summary>How long apps that are pending but not terminal must stay unchanged, once another app is terminal, before the wait ends.</summary>
    public static readonly TimeSpan OthersStill = TimeSpan.FromSeconds(30);

    /// <summary>The least time an error condition must stay the same (two reconcile rounds of a real Argo CD's refresh of a changed app).</summary>
    public static readonly TimeSpan ConditionHold = TimeSpan.FromSeconds(5);

    /// <summary>How often the pods of one app are read while it is pending.</summary>
    private static readonly TimeSpan PodCheckInterval = TimeSpan.FromSeconds(2);

    private static readonly string[] TerminalConditions = ["SyncError", "ComparisonError", "InvalidSpecError"];

    private static readonly string[] TerminalPodReasons = ["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError", "Unschedulable"];

    private readonly RunContext ctx;
    private readonly Dictionary<string, (string Key, long Since)> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> podsCheckedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Signature, long Since)> progress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> podVerdict = new(StringComparer.Ordinal);

    public TerminalStates(RunContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        this.ctx = ctx;
    }

    /// <summary>Pending apps in a terminal state at the last look, with the cause.</summary>
    public Dictionary<string, string> Terminal { get; } = new(StringComparer.Ordinal);

    /// <summary>The cause of a failed operation an automated app will not retry, or null (pure rule, for tests).</summary>
    public static string? FailedOperation(AppState app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app is { Automated: true, OperationPending: false, OperationPhase: "Failed" or "Error" }
            ? $"its sync {app.OperationPhase!.ToLowerInvariant()} and Argo CD does not retry a failed revision: {app.OperationMessage}"
            : null;
    }

    /// <summary>Looks at the pending apps once; returns true when the wait should end now.</summary>
    public async Task<bool> UpdateAsync(IReadOnlyList<AppState> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        foreach (var app in pending)
        {
            // Re-evaluated on every look: an app whose condition clears (its CRD arrived) or whose pods recover is no
            // longer terminal; pods are re-read only every few seconds, their verdict kept in between.
            var cause = FailedOperation(app) ?? Persisting(app.Name + "#condition", ConditionKey(app), ctx.Timeouts.Settle > ConditionHold ? ctx.Timeouts.Settle : ConditionHold);
            if (cause is null && app.OperationPhase is not "Running" && app.HealthStatus is "Progressing" or "Degraded")
            {
                if (DuePodCheck(app.Name))
                {
                    var causes = await UnhealthyCauses.DescribeAsync(ctx, app, cancellationToken);
                    var stuck = causes.Where(c => TerminalPodReasons.Any(r => c.Contains(r, StringComparison.Ordinal))).ToList();
                    podVerdict[app.Name] = Persisting(app.Name + "#pods", stuck.Count == 0 ? null : string.Join("; ", stuck), PodGrace);
                }

                cause = podVerdict.GetValueOrDefault(app.Name);
            }

            if (cause is null)
            {
                Terminal.Remove(app.Name);
            }
            else
            {
                Terminal[app.Name] = cause;
            }
        }

        foreach (var gone in Terminal.Keys.Where(k => pending.All(a => a.Name != k)).ToList())
        {
            Terminal.Remove(gone);
        }

        var now = ctx.Time.GetTimestamp();
        var waiting = pending.Where(a => !Terminal.ContainsKey(a.Name)).ToList();
        foreach (var app in waiting)
        {
            var signature = $"{app.SyncStatus}/{app.HealthStatus}/{app.OperationPhase}/{app.OperationMessage}";
            if (!progress.TryGetValue(app.Name, out var p) || p.Signature != signature)
            {
                progress[app.Name] = (signature, now);
            }
        }

        if (Terminal.Count == 0 || pending.All(a => !Terminal.ContainsKey(a.Name)))
        {
            return false;
        }

        // Every pending app is terminal, or the others have not moved for a while since (they wait on the failed ones).
        return waiting.All(a => ctx.Time.GetElapsedTime(progress[a.Name].Since) >= OthersStill);
    }

    private static string? ConditionKey(AppState app) =>
        app.Conditions.FirstOrDefault(c => TerminalConditions.Contains(c.Type)) is { } c ? $"{c.Type}: {c.Message}" : null;

    /// <summary>The key, once it has stayed the same for <paramref name="hold"/>; null before, and when there is none.</summary>
    private string? Persisting(string slot, string? key, TimeSpan hold)
    {
        if (key is null)
        {
            seen.Remove(slot);
            return null;
        }

        if (!seen.TryGetValue(slot, out var s) || s.Key != key)
        {
            seen[slot] = (key, ctx.Time.GetTimestamp());
            return null;
        }

        return ctx.Time.GetElapsedTime(s.Since) >= hold ? $"{key} (unchanged for {Suites.DurationText.Format(ctx.Time.GetElapsedTime(s.Since))})" : null;
    }

    private bool DuePodCheck(string app)
    {
        var now = ctx.Time.GetTimestamp();
        if (podsCheckedAt.TryGetValue(app, out var at) && ctx.Time.GetElapsedTime(at, now) < PodCheckInterval)
        {
            // Keep the pod slot's first-seen time: only re-read pods every few seconds.
            return false;
        }

        podsCheckedAt[app] = now;
        return true;
    }
}
