using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Auth;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>
/// Maps the simulated vLLM onto an ASP.NET Core application: middleware (access log, start-up gate, the one
/// <see cref="AccessGate"/>, case-sensitive route matching) and routes.
/// </summary>
public static class FakeLlmEndpoints
{
    /// <summary>Adds the middleware and routes serving <paramref name="engine"/>. Call on a fresh application (it owns the pipeline).</summary>
    public static WebApplication MapFakeLlm(this WebApplication app, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(engine);
        var gate = new AccessGate(engine.Options.ApiKeys, engine.Options.AdminKeys);
        var paths = Routes(engine).Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        app.Use((context, next) => Pipeline(context, next, engine, gate, paths));
        MapRoutes(app, engine);
        return app;
    }

    /// <summary>
    /// Maps only the routes (no middleware: no key check, and ASP.NET Core's case-insensitive matching) onto any
    /// endpoint builder.
    /// </summary>
    public static void MapRoutes(IEndpointRouteBuilder endpoints, LlmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var route in Routes(engine))
        {
            endpoints.MapMethods(route.Path, route.Methods, route.Handler);
        }
    }

    /// <summary>The route table: vLLM's routes, the LoRA routes with <c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c>, <c>/admin/config</c> with <c>--enable-admin</c>.</summary>
    private static IEnumerable<Route> Routes(LlmEngine engine)
    {
        yield return new("/v1/models", ["GET"], context => InfoEndpoints.ModelsAsync(context, engine));
        yield return new("/v1/chat/completions", ["POST"], context => GenerationEndpoints.HandleAsync(context, engine, ApiKind.Chat));
        yield return new("/v1/completions", ["POST"], context => GenerationEndpoints.HandleAsync(context, engine, ApiKind.Completion));
        yield return new("/tokenize", ["POST"], context => TokenizeEndpoints.TokenizeAsync(context, engine));
        yield return new("/detokenize", ["POST"], context => TokenizeEndpoints.DetokenizeAsync(context, engine));
        yield return new("/health", ["GET"], context => InfoEndpoints.HealthAsync(context, engine));
        yield return new("/ping", ["GET", "POST"], context => InfoEndpoints.HealthAsync(context, engine));
        yield return new("/version", ["GET"], context => InfoEndpoints.VersionAsync(context, engine));
        yield return new("/load", ["GET"], context => InfoEndpoints.LoadAsync(context, engine));
        yield return new("/metrics", ["GET"], context => InfoEndpoints.MetricsAsync(context, engine));
        if (engine.Options.EnableAdmin)
        {
            yield return new("/admin/config", ["GET"], context => AdminEndpoints.GetAsync(context, engine));
            yield return new("/admin/config", ["POST"], context => AdminEndpoints.PostAsync(context, engine));
        }

        if (engine.Options.Lora.AllowRuntimeUpdating)
        {
            yield return new("/v1/load_lora_adapter", ["POST"], context => LoraEndpoints.LoadAsync(context, engine));
            yield return new("/v1/unload_lora_adapter", ["POST"], context => LoraEndpoints.UnloadAsync(context, engine));
        }
    }

    private static async Task Pipeline(HttpContext context, RequestDelegate next, LlmEngine engine, AccessGate gate, HashSet<string> paths)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (!engine.IsReady && AccessGate.Classify(path) != AccessRule.Admin)
            {
                // vLLM does not answer until the model is loaded; probes see a failure.
                context.Response.StatusCode = 503;
                context.Response.ContentLength = 0;
            }
            else if (!gate.Allows(context.Request.Method, path, context.Request.Headers.Authorization))
            {
                // Before routing, as vLLM's middleware: a guarded path without a valid key is 401 whether or not it exists.
                context.Response.StatusCode = 401;
                context.Response.ContentType = HttpIo.JsonType;
                context.Response.ContentLength = ApiKeyCheck.UnauthorizedBody.Length;
                await context.Response.Body.WriteAsync(ApiKeyCheck.UnauthorizedBody, context.RequestAborted);
            }
            else if (!paths.Contains(path))
            {
                // Starlette matches paths exactly (case-sensitive, so /V1/models is 404) and redirects a path that only
                // differs by a trailing slash (redirect_slashes, 307); ASP.NET Core routing would match both.
                var other = path.Length > 1 && path.EndsWith('/') ? path.TrimEnd('/') : path + "/";
                if (paths.Contains(other))
                {
                    var request = context.Request;
                    context.Response.StatusCode = 307;
                    context.Response.Headers.Location = $"{request.Scheme}://{request.Host}{request.PathBase}{other}{request.QueryString}";
                    context.Response.ContentLength = 0;
                }
                else
                {
                    await HttpIo.WriteDetailAsync(context, 404, "Not Found");
                }
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

/// <summary>One route: an exact path, its methods and handler.</summary>
internal sealed record Route(string Path, string[] Methods, RequestDelegate Handler);
