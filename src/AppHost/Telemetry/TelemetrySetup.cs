using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>
/// Wires OpenTelemetry into a host: traces (every run, suite and step) and logs go out over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so an Aspire dashboard, Jaeger or Tempo shows them; everything is
/// redacted by processors first. Metrics are exposed by the dashboard's <c>/metrics</c> (Prometheus exporter).
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool OtlpEnabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    /// <summary>Adds tracing and logging (OTLP when enabled) to <paramref name="services"/> and <paramref name="logging"/>.</summary>
    public static void AddPlatformTelemetry(IServiceCollection services, ILoggingBuilder logging, string serviceName = "platform-validation")
    {
        logging.ClearProviders();
        if (!OtlpEnabled)
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                foreach (var source in PvTelemetry.SourceNames)
                {
                    t.AddSource(source);
                }

                t.AddProcessor(new RedactingActivityProcessor());
                t.AddOtlpExporter();
            })
            .WithMetrics(m => m.AddMeter(PvTelemetry.MeterName).AddOtlpExporter());
        logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new RedactingLogProcessor());
            o.AddOtlpExporter();
        });
    }

    /// <summary>Adds the Prometheus exporter for the <see cref="PvTelemetry.Meter"/> (the dashboard maps <c>/metrics</c>).</summary>
    public static void AddPrometheusMetrics(IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(PvTelemetry.MeterName).AddPrometheusExporter());
}
