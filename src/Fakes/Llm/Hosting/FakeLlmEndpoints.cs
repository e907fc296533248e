using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Auth;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>Maps the simulated vLLM onto an ASP.NET Core application: middleware (access log, start-up gate, API key) and routes.</summary>
public static class FakeLlmEndpoints
{
    /// <summary>Adds the middleware and routes serving <paramref name="engine"/>. Call on a fresh application (it owns the pipeline).</summary>
    public static WebApplication MapFakeLlm(this WebApplication app, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(engine);
        var auth = new ApiKeyCheck(engine.Options.ApiKeys);
        app.Use((context, next) => Pipeline(context, next, engine, auth));
        MapRoutes(app, engine);
        return app;
    }

    /// <summary>Maps only the routes (no middleware) onto any endpoint builder.</summary>
    public static void MapRoutes(IEndpointRouteBuilder endpoints, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(engine);
        endpoints.MapGet("/v1/models", context => InfoEndpoints.ModelsAsync(context, engine));
        endpoints.MapPost("/v1/chat/completions", context => GenerationEndpoints.HandleAsync(context, engine, ApiKind.Chat));
        endpoints.MapPost("/v1/completions", context => GenerationEndpoints.HandleAsync(context, engine, ApiKind.Completion));
        endpoints.MapPost("/tokenize", context => TokenizeEndpoints.TokenizeAsync(context, engine));
        endpoints.MapPost("/detokenize", context => TokenizeEndpoints.DetokenizeAsync(context, engine));
        endpoints.MapGet("/health", context => InfoEndpoints.HealthAsync(context, engine));
        endpoints.MapMethods("/ping", ["GET", "POST"], context => InfoEndpoints.HealthAsync(context, engine));
        endpoints.MapGet("/version", context => InfoEndpoints.VersionAsync(context, engine));
        endpoints.MapGet("/load", context => InfoEndpoints.LoadAsync(context, engine));
        endpoints.MapGet("/metrics", context => InfoEndpoints.MetricsAsync(context, engine));
        endpoints.MapGet("/admin/config", context => AdminEndpoints.GetAsync(context, engine));
        endpoints.MapPost("/admin/config", context => AdminEndpoints.PostAsync(context, engine));
        if (engine.Options.Lora.AllowRuntimeUpdating)
        {
            endpoints.MapPost("/v1/load_lora_adapter", context => LoraEndpoints.LoadAsync(context, engine));
            endpoints.MapPost("/v1/unload_lora_adapter", context => LoraEndpoints.UnloadAsync(context, engine));
        }
    }

    private static async Task Pipeline(HttpContext context, RequestDelegate next, LlmEngine engine, ApiKeyCheck auth)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (!engine.IsReady && !path.StartsWith("/admin", StringComparison.Ordinal))
            {
                // vLLM does not answer until the model is loaded; probes see a failure.
                context.Response.StatusCode = 503;
                context.Response.ContentLength = 0;
            }
            else if (auth.Enabled && ApiKeyCheck.IsGuarded(context.Request.Method, path) && !auth.Verify(context.Request.Headers.Authorization))
            {
                context.Response.StatusCode = 401;
                context.Response.ContentType = HttpIo.JsonType;
                context.Response.ContentLength = ApiKeyCheck.UnauthorizedBody.Length;
                await context.Response.Body.WriteAsync(ApiKeyCheck.UnauthorizedBody, context.RequestAborted);
            }
            else
            {
                await next(context);
                if (context.Response.StatusCode == 404 && !context.Response.HasStarted && context.GetEndpoint() is null)
                {
                    await HttpIo.WriteDetailAsync(context, 404, "Not Found");
                }
                else if (context.Response.StatusCode == 405 && !context.Response.HasStarted)
                {
                    await HttpIo.WriteDetailAsync(context, 405, "Method Not Allowed");
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Client went away.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            engine.Log.Error($"Unhandled error on {context.Request.Method} {context.Request.Path}: {ex.GetType().Name}: {ex.Message}");
            if (!context.Response.HasStarted)
            {
                await HttpIo.WriteErrorAsync(context, new ApiError(500, "InternalServerError", "Internal server error."));
            }
            else
            {
                context.Abort();
            }
        }
        finally
        {
            if (engine.Options.AccessLog)
            {
                var connection = context.Connection;
                engine.Log.Access($"{connection.RemoteIpAddress}:{connection.RemotePort}", context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Protocol, context.Response.StatusCode);
            }
        }
    }
}
