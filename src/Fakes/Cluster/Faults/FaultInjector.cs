using PlatformValidation.Fakes.Cluster.Api;

namespace PlatformValidation.Fakes.Cluster.Faults;

/// <summary>Applies <see cref="FaultSettings"/> to requests and watches; settings can change at runtime.</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private FaultSettings settings;
    private Random random;

    public FaultInjector(FaultSettings settings, TimeProvider time)
    {
        this.settings = settings ?? FaultSettings.None;
        this.time = time;
        random = this.settings.Seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>The settings in force; assign to change them at runtime.</summary>
    public FaultSettings Settings
    {
        get => settings;
        set
        {
            lock (gate)
            {
                settings = value ?? FaultSettings.None;
                random = settings.Seed is { } s ? new Random(s) : new Random();
            }
        }
    }

    /// <summary>Counts of injected faults (for assertions and reports).</summary>
    public int InjectedErrors { get; private set; }

    public int InjectedThrottles { get; private set; }

    public int InjectedDelays { get; private set; }

    /// <summary>Turns injection off.</summary>
    public void Clear() => Settings = FaultSettings.None;

    /// <summary>Decides the fate of one request: throws the injected error, or waits the injected delay.</summary>
    public async Task BeforeRequestAsync(string path, CancellationToken cancellationToken)
    {
        var s = settings;
        if (s.ErrorRate <= 0 && s.ThrottleRate <= 0 && s.DelayRate <= 0)
        {
            return;
        }

        if (s.PathFilter is { } filter && !path.Contains(filter, StringComparison.Ordinal))
        {
            return;
        }

        double roll;
        double delayRoll;
        lock (gate)
        {
            roll = random.NextDouble();
            delayRoll = random.NextDouble();
        }

        if (roll < s.ErrorRate)
        {
            InjectedErrors++;
            throw StatusErrors.Internal("injected fault: the simulated API server failed this request on purpose");
        }

        if (roll < s.ErrorRate + s.ThrottleRate)
        {
            InjectedThrottles++;
            throw StatusErrors.TooManyRequests(s.RetryAfterSeconds);
        }

        if (delayRoll < s.DelayRate)
        {
            InjectedDelays++;
            await Task.Delay(s.Delay, time, cancellationToken);
        }
    }

    /// <summary>Starts the budget of one watch stream.</summary>
    public WatchBudget BeginWatch() => new(settings.WatchCutAfterEvents, settings.WatchCutAfter is { } d ? time.GetUtcNow() + d : null, time);
}

/// <summary>How much of a watch stream remains before an injected cut.</summary>
public sealed class WatchBudget
{
    private readonly int? maxEvents;
    private readonly DateTimeOffset? deadline;
    private readonly TimeProvider time;
    private int sent;

    public WatchBudget(int? maxEvents, DateTimeOffset? deadline, TimeProvider time)
    {
        this.maxEvents = maxEvents;
        this.deadline = deadline;
        this.time = time;
    }

    /// <summary>Counts one sent event; true when the stream must now be cut.</summary>
    public bool Count()
    {
        sent++;
        return (maxEvents is { } max && sent >= max) || Expired;
    }

    public bool Expired => deadline is { } d && time.GetUtcNow() >= d;

    public TimeSpan? Remaining => deadline is { } d ? (d - time.GetUtcNow() is var r && r > TimeSpan.Zero ? r : TimeSpan.FromMilliseconds(1)) : null;
}
