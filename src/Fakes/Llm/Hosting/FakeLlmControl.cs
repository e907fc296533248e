using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>Runtime control of a running server: the same changes <c>POST /admin/config</c> makes, from code.</summary>
public sealed class FakeLlmControl(LlmEngine engine)
{
    public LatencyOptions Latency => engine.Latency;

    public FaultOptions Faults => engine.Faults;

    /// <summary>Replaces the latency model (validated).</summary>
    public void SetLatency(LatencyOptions latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        var errors = latency.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new FakeLlmConfigException(errors);
        }

        engine.Latency = latency;
    }

    /// <summary>Replaces the faults (validated).</summary>
    public void SetFaults(FaultOptions faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var errors = faults.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new FakeLlmConfigException(errors);
        }

        engine.Faults = faults;
    }

    /// <summary>Makes <c>/health</c> answer 503 (true) or 200 again (false).</summary>
    public void SetUnhealthy(bool unhealthy) => engine.Faults = engine.Faults with { Unhealthy = unhealthy };
}
