namespace PlatformValidation.Fakes.ArgoCd.Automation;

/// <summary>
/// Self-heal backoff [cmd/argocd-application-controller --self-heal-backoff-timeout-seconds 2, -factor 3,
/// -cap-seconds 300; appcontroller.go selfHealRemainingBackoff]: attempt n waits the n-th step of an exponential
/// backoff (0, 2 s, 6 s, 18 s, … capped) measured from the previous operation's finishedAt.
/// </summary>
public sealed record SelfHealBackoff(TimeSpan Duration, double Factor, TimeSpan Cap)
{
    public static SelfHealBackoff Default { get; } = new(TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(300));

    public TimeSpan DelayFor(int attempts)
    {
        var delay = TimeSpan.Zero;
        var step = Duration;
        for (var i = 0; i < attempts; i++)
        {
            delay = step;
            var next = TimeSpan.FromTicks((long)Math.Min(step.Ticks * Factor, Cap.Ticks));
            step = next > Cap ? Cap : next;
        }

        return delay > Cap ? Cap : delay;
    }

    public TimeSpan Remaining(int attempts, DateTimeOffset? lastFinishedAt, DateTimeOffset now)
    {
        var delay = DelayFor(attempts);
        return lastFinishedAt is { } f ? delay - (now - f) : delay;
    }
}
