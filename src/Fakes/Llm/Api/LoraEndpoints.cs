using System.Text;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// <c>POST /v1/load_lora_adapter</c> and <c>POST /v1/unload_lora_adapter</c>, registered only when
/// <c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c> is true (otherwise the routes do not exist: 404).
/// </summary>
public static class LoraEndpoints
{
    public static Task LoadAsync(HttpContext context, LlmEngine engine) => HandleAsync(context, engine, load: true);

    public static Task UnloadAsync(HttpContext context, LlmEngine engine) => HandleAsync(context, engine, load: false);

    private static async Task HandleAsync(HttpContext context, LlmEngine engine, bool load)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            var body = await HttpIo.ReadBodyAsync(context, engine.Options.MaxRequestBodyBytes, context.RequestAborted);
            using var document = RequestParser.ParseJson(body);
            var reader = new BodyReader(RequestParser.RequireObject(document.RootElement));
            var name = reader.String("lora_name");
            var path = load ? reader.String("lora_path") : null;
            var inplace = load && (reader.Bool("load_inplace") ?? false);
            if (!load)
            {
                reader.Int("lora_int_id");
            }

            if (reader.Issues.Count > 0)
            {
                throw ApiError.Validation(reader.Issues);
            }

            if (!engine.Options.Lora.Enabled)
            {
                throw ApiError.BadRequest("LoRA is not enabled on this server: start it with --enable-lora.");
            }

            if (load && name is not null && engine.ServedModelNames.Contains(name, StringComparer.Ordinal))
            {
                throw new ApiError(400, "InvalidUserInput", $"The lora adapter '{name}' has the same name as a served model.");
            }

            var text = load ? engine.Lora.Load(name, path, inplace) : engine.Lora.Unload(name);
            engine.Log.Info(text);
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        catch (ApiError error)
        {
            await HttpIo.WriteErrorAsync(context, error);
        }
    }
}
