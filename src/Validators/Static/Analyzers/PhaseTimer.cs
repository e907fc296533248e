using System.Diagnostics;
using System.Globalization;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>Prints how long each phase of a validation took to standard error when PV_TIMING=1 (for profiling).</summary>
internal sealed class PhaseTimer
{
    private readonly bool enabled;
    private long last = Stopwatch.GetTimestamp();
    private TimeSpan lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

    private PhaseTimer(bool enabled)
    {
        this.enabled = enabled;
    }

    public static PhaseTimer FromEnvironment()
    {
        var timer = new PhaseTimer(Environment.GetEnvironmentVariable("PV_TIMING") == "1");
        if (timer.enabled)
        {
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[timing] {"process start → validation",-32} {(DateTime.Now - self.StartTime).TotalMilliseconds,8:0.0} ms wall {self.TotalProcessorTime.TotalMilliseconds,8:0.0} ms cpu"));
        }

        return timer;
    }

    /// <summary>Prints a duration measured elsewhere (a phase that ran in parallel).</summary>
    public void Report(string phase, TimeSpan duration)
    {
        if (enabled)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[timing]   {phase,-30} {duration.TotalMilliseconds,8:0.0} ms"));
        }
    }

    public void Mark(string phase)
    {
        if (!enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[timing] {phase,-32} {Stopwatch.GetElapsedTime(last, now).TotalMilliseconds,8:0.0} ms wall {(cpu - lastCpu).TotalMilliseconds,8:0.0} ms cpu"));
        last = now;
        lastCpu = cpu;
    }
}
