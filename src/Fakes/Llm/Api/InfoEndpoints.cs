using System.Text;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Engine;
using PlatformValidation.Fakes.Llm.Metrics;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary><c>/v1/models</c>, <c>/health</c>, <c>/ping</c>, <c>/version</c>, <c>/load</c> and <c>/metrics</c>.</summary>
public static class InfoEndpoints
{
    /// <summary>vLLM's ModelList: one card per served name (root = --model), then one per LoRA adapter (parent = its base).</summary>
    public static Task ModelsAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var created = engine.Time.GetUtcNow().ToUnixTimeSeconds();
        return HttpIo.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var name in engine.ServedModelNames)
            {
                Card(w, name, created, engine.Options.Model, null, engine.Options.MaxModelLen);
            }

            if (engine.Options.Lora.Enabled)
            {
                foreach (var lora in engine.Lora.Adapters)
                {
                    Card(w, lora.Name, lora.LoadedAt.ToUnixTimeSeconds(), lora.Module.Path, engine.Lora.ParentOf(lora), null);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Task HealthAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        context.Response.StatusCode = engine.IsHealthy ? 200 : 503;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public static Task VersionAsync(HttpContext context, LlmEngine engine) =>
        HttpIo.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", engine.Options.VllmVersion);
            w.WriteEndObject();
        });

    public static Task LoadAsync(HttpContext context, LlmEngine engine) =>
        HttpIo.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("server_load", engine.Scheduler.RunningSequences + engine.Scheduler.Waiting);
            w.WriteEndObject();
        });

    public static async Task MetricsAsync(HttpContext context, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var bytes = Encoding.UTF8.GetBytes(engine.Registry.Collect());
        context.Response.StatusCode = 200;
        context.Response.ContentType = TextExposition.ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static void Card(System.Text.Json.Utf8JsonWriter w, string id, long created, string root, string? parent, int? maxModelLen)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "model");
        w.WriteNumber("created", created);
        w.WriteString("owned_by", "vllm");
        w.WriteString("root", root);
        if (parent is null)
        {
            w.WriteNull("parent");
        }
        else
        {
            w.WriteString("parent", parent);
        }

        if (maxModelLen is { } len)
        {
            w.WriteNumber("max_model_len", len);
        }
        else
        {
            w.WriteNull("max_model_len");
        }

        w.WriteStartArray("permission");
        w.WriteStartObject();
        w.WriteString("id", "modelperm-" + Guid.NewGuid().ToString("N"));
        w.WriteString("object", "model_permission");
        w.WriteNumber("created", created);
        w.WriteBoolean("allow_create_engine", false);
        w.WriteBoolean("allow_sampling", true);
        w.WriteBoolean("allow_logprobs", true);
        w.WriteBoolean("allow_search_indices", false);
        w.WriteBoolean("allow_view", true);
        w.WriteBoolean("allow_fine_tuning", false);
        w.WriteString("organization", "*");
        w.WriteNull("group");
        w.WriteBoolean("is_blocking", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
