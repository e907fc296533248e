using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// <c>GET /admin/config</c> shows the runtime-changeable configuration; <c>POST /admin/config</c> takes a partial JSON
/// (or YAML) document with <c>latency</c> and/or <c>faults</c> (the config file's keys), validates it whole and applies
/// it atomically, e.g. <c>{"faults": {"errorRate": 0.2, "errorStatus": 503}}</c> or <c>{"latency": {"profile": "l4-8b"}}</c>.
/// </summary>
public static class AdminEndpoints
{
    public static Task GetAsync(HttpContext context, LlmEngine engine) => WriteConfigAsync(context, engine);

    public static async Task PostAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            var body = await HttpIo.ReadBodyAsync(context, 1024 * 1024, context.RequestAborted);
            var document = ConfigDocument.Parse(Encoding.UTF8.GetString(body.Span), "request body");
            var (latency, faults) = FakeLlmConfigFile.ApplyRuntime(engine.Latency, engine.Faults, document);
            engine.Latency = latency;
            engine.Faults = faults;
            engine.Log.Info($"Runtime configuration changed: latency profile {latency.Profile ?? "custom"}, error rate {faults.ErrorRate}, unhealthy {faults.Unhealthy}.");
            await WriteConfigAsync(context, engine);
        }
        catch (FakeLlmConfigException ex)
        {
            await HttpIo.WriteErrorAsync(context, ApiError.BadRequest(string.Join(" ", ex.Errors)));
        }
        catch (ApiError error)
        {
            await HttpIo.WriteErrorAsync(context, error);
        }
    }

    private static Task WriteConfigAsync(HttpContext context, LlmEngine engine) =>
        HttpIo.WriteJsonAsync(context, 200, w => Write(w, engine.Latency, engine.Faults, engine.IsHealthy));

    public static void Write(Utf8JsonWriter w, LatencyOptions l, FaultOptions f, bool healthy)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(f);
        w.WriteStartObject();
        w.WriteStartObject("latency");
        if (l.Profile is null)
        {
            w.WriteNull("profile");
        }
        else
        {
            w.WriteString("profile", l.Profile);
        }

        w.WriteString("timeToFirstToken", ConfigValues.FormatDuration(l.TimeToFirstToken));
        w.WriteString("timeToFirstTokenStdDev", ConfigValues.FormatDuration(l.TimeToFirstTokenStdDev));
        w.WriteString("interTokenLatency", ConfigValues.FormatDuration(l.InterTokenLatency));
        w.WriteString("interTokenLatencyStdDev", ConfigValues.FormatDuration(l.InterTokenLatencyStdDev));
        w.WriteString("prefillPerToken", ConfigValues.FormatDuration(l.PrefillPerToken));
        w.WriteNumber("loadFactor", l.LoadFactor);
        w.WriteEndObject();
        w.WriteStartObject("faults");
        w.WriteNumber("errorRate", f.ErrorRate);
        w.WriteNumber("errorStatus", f.ErrorStatus);
        w.WriteString("addedLatency", ConfigValues.FormatDuration(f.AddedLatency));
        w.WriteNumber("stallRate", f.StallRate);
        w.WriteNumber("stallAfterTokens", f.StallAfterTokens);
        w.WriteString("stallDuration", ConfigValues.FormatDuration(f.StallDuration));
        w.WriteNumber("dropRate", f.DropRate);
        w.WriteNumber("dropAfterTokens", f.DropAfterTokens);
        w.WriteBoolean("unhealthy", f.Unhealthy);
        w.WriteEndObject();
        w.WriteBoolean("healthy", healthy);
        w.WriteEndObject();
    }
}
