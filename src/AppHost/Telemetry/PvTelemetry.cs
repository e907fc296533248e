using System.Diagnostics;
using System.Diagnostics.Metrics;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>
/// The AppHost's telemetry names: one ActivitySource for resources and one for live runs (traces per run, suite
/// and step), and one Meter whose instruments <c>/metrics</c> exposes through the Prometheus exporter.
/// </summary>
public static class PvTelemetry
{
    public const string MeterName = "PlatformValidation";

    public static readonly ActivitySource Activities = new("PlatformValidation.AppHost");

    /// <summary>Every ActivitySource whose spans are exported.</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [Activities.Name, ScenarioRunner.Activities.Name];

    public static readonly Meter Meter = new(MeterName);

    /// <summary><c>pv_checks_total{outcome,suite,profile}</c>: checks passed, failed and skipped.</summary>
    public static readonly Counter<long> Checks = Meter.CreateCounter<long>("pv.checks", description: "Checks recorded by live runs, by outcome.");

    /// <summary><c>pv_step_duration_seconds{suite,step,outcome}</c>.</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("pv.step.duration", unit: "s", description: "Duration of each suite step.");

    /// <summary><c>pv_step_waiting_seconds{suite,step}</c>: the part of a step spent waiting on the cluster.</summary>
    public static readonly Histogram<double> StepWaiting = Meter.CreateHistogram<double>("pv.step.waiting", unit: "s", description: "Time a step spent waiting on the cluster.");

    /// <summary><c>pv_app_time_to_healthy_seconds{profile,app}</c>.</summary>
    public static readonly Histogram<double> TimeToHealthy = Meter.CreateHistogram<double>("pv.app.time_to_healthy", unit: "s", description: "Time from applying a profile until the app is Synced and Healthy.");

    /// <summary><c>pv_resource_startup_seconds{resource}</c>.</summary>
    public static readonly Histogram<double> ResourceStartup = Meter.CreateHistogram<double>("pv.resource.startup", unit: "s", description: "Time for an AppHost resource to become healthy.");
}
