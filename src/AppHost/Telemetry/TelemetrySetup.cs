using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>
/// Wires OpenTelemetry into the AppHost: traces (every run, suite and step), logs and metrics go over OTLP to the
/// Aspire Dashboard the AppHost started (<see cref="OtlpTarget"/>), or wherever <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// points when headless (Jaeger, Tempo, a collector); everything is redacted by processors first. Metrics are also
/// exposed by the run view's <c>/metrics</c> (Prometheus exporter).
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool OtlpEnabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    /// <summary>Adds tracing, metrics and logging over OTLP (to <paramref name="target"/>, else the environment's endpoint) and no other log provider.</summary>
    public static void AddPlatformTelemetry(IServiceCollection services, ILoggingBuilder logging, OtlpTarget? target = null, string serviceName = "platform-validation")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        if (target is null && !OtlpEnabled)
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
                t.AddOtlpExporter(o => Configure(o, target, "v1/traces"));
            })
            .WithMetrics(m => m.AddMeter(PvTelemetry.MeterName).AddOtlpExporter((o, reader) =>
            {
                Configure(o, target, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
            }));
        logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new RedactingLogProcessor());
            o.AddOtlpExporter(e => Configure(e, target, "v1/logs"));
        });
    }

    /// <summary>Adds the Prometheus exporter for the <see cref="PvTelemetry.Meter"/> (the run view maps <c>/metrics</c>).</summary>
    public static void AddPrometheusMetrics(IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(PvTelemetry.MeterName).AddPrometheusExporter());

    private static void Configure(OtlpExporterOptions options, OtlpTarget? target, string signalPath)
    {
        if (target is null)
        {
            return; // the OTEL_EXPORTER_OTLP_* variables configure it
        }

        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(target.Endpoint, signalPath);
        if (target.ApiKey is { Length: > 0 } key)
        {
            options.Headers = "x-otlp-api-key=" + key;
        }
    }
}

/// <summary>An OTLP/HTTP receiver (the Aspire Dashboard's) and the API key it asks for.</summary>
public sealed record OtlpTarget(Uri Endpoint, string? ApiKey);
